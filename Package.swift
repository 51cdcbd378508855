// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nabijheid",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nabijheid", targets: ["nabijheid"]),
        .library(name: "Nabijheid", targets: ["Nabijheid"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // One system-library target per C library; only the Swift files that wrap one import it.
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        // glibc's mallopt (FreedMemoryReuse); part of libc, nothing to install.
        .systemLibrary(name: "CMalloc"),
        // __builtin_prefetch (ColumnPrefetch); a compiler builtin, nothing to install.
        .systemLibrary(name: "CPrefetch"),
        // The OSM PBF reader: libosmium (header-only C++, Debian libosmium2-dev) behind a C interface.
        .target(
            name: "COSMReader",
            cxxSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("z"), .linkedLibrary("pthread")]
        ),
        .target(
            name: "Nabijheid",
            dependencies: [
                "CGDAL", "CGEOS", "CPROJ", "COSMReader", "CMalloc", "CPrefetch",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "nabijheid",
            dependencies: [
                "Nabijheid",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "NabijheidTests",
            dependencies: ["Nabijheid"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ],
    cxxLanguageStandard: .cxx17
)

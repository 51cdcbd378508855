/// One property of an output layer.
public struct FieldDefinition: Sendable, Equatable {
    public enum Kind: String, Sendable { case string, integer, real }
    public var name: String
    public var kind: Kind
    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// A property value; nil is written as JSON `null`, never NaN.
public enum FieldValue: Sendable, Equatable {
    case string(String?)
    case integer(Int?)
    case real(Double?)
}

/// The geometry of an output feature, in RD New; the writer reprojects to WGS84.
public enum OutputGeometry: Sendable {
    case point(PlanarPoint)
    case line([PlanarPoint])
    case area(AreaShape)
}

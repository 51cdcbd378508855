/// The check as JUnit XML, which GitLab, Jenkins and GitHub show as test results: one test case
/// per checked rule, the rule kind as class name, a `<failure>` for each rule that fails.
enum JUnitReport {
    static func xml(_ report: CheckReport) -> String {
        let failures = report.failures.count
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="nabijheid check" tests="\#(report.regels.count)" failures="\#(failures)">"#,
            #"  <testsuite name="\#(escape("plan \(report.plan), profiel \(report.profielen.joined(separator: ", "))"))" tests="\#(report.regels.count)" failures="\#(failures)" errors="0" skipped="0">"#,
        ]
        for rule in report.regels {
            let opening = #"    <testcase classname="nabijheid.\#(escape(rule.soort))" name="\#(escape(rule.naam))""#
            if rule.geslaagd {
                lines.append(opening + ">")
                lines.append("      <system-out>\(escape(rule.melding))</system-out>")
                lines.append("    </testcase>")
            } else {
                lines.append(opening + ">")
                lines.append(#"      <failure message="\#(escape(rule.melding))" type="\#(escape(rule.soort))">\#(escape(rule.melding))</failure>"#)
                lines.append("    </testcase>")
            }
        }
        lines += ["  </testsuite>", "</testsuites>", ""]
        return lines.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}

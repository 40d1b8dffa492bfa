/// The tool's name and version, as reports and provenance record them.
public enum ToolInfo {
    public static let version = "0.2.0"
}

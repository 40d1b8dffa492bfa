/// What a CSV column means to the energy computation, from its header name.
enum CSVColumnRole: Equatable {
    case time
    case index
    case uuid
    case busID
    case name
    case otherID
    /// A power column; `preference` orders them (lower is preferred) and `scale` converts to watts.
    case power(field: String, preference: Int, scale: Double)
    case utilization
    case other
}

import Foundation

/// The UTC offsets of an IANA zone over time, read from the system's time zone database through Foundation.
struct ZoneRules {
    private let zone: TimeZone

    init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone
    }

    /// The zone this machine is set to, with its identifier.
    static var current: (rules: ZoneRules, identifier: String) {
        let zone = TimeZone.current
        return (ZoneRules(zone: zone), zone.identifier)
    }

    private init(zone: TimeZone) { self.zone = zone }

    static func isKnown(identifier: String) -> Bool {
        TimeZone(identifier: identifier) != nil
    }

    /// Seconds east of UTC in force at the UTC instant `utcSeconds`.
    func offset(atUTC utcSeconds: Double) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: utcSeconds))
    }
}

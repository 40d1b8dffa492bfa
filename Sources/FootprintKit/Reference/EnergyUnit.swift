/// Conversions between the energy units the reports use.
public enum EnergyUnit {
    /// Joules in one kilowatt-hour (1,000 W × 3,600 s).
    public static let joulesPerKilowattHour = 3.6e6
}

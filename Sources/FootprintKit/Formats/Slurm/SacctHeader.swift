/// The columns of a `sacct --parsable2` (or `-p`) header that are read, found by name in any order and case;
/// the others are passed over.
struct SacctHeader {
    /// The number of names in the header (a `-p` header's trailing `|` adds an empty one).
    var count: Int
    var jobID: Int
    var jobName: Int?
    var state: Int?
    var nodeCount: Int?
    var nodeList: Int?
    var allocTRES: Int?
    var start: Int?
    var end: Int?
    var elapsed: Int?
    var elapsedRaw: Int?
    var consumedEnergyRaw: Int?
    var consumedEnergy: Int?

    /// The header of `names`, or nil without a `JobID` (or `JobIDRaw`) column.
    init?(_ names: [String]) {
        let lowered = names.map { $0.trimmingSpaces().lowercased() }
        func column(_ name: String) -> Int? { lowered.firstIndex(of: name) }
        guard let jobID = column("jobid") ?? column("jobidraw") else { return nil }
        count = names.count
        self.jobID = jobID
        jobName = column("jobname")
        state = column("state")
        nodeCount = column("nnodes")
        nodeList = column("nodelist")
        allocTRES = column("alloctres")
        start = column("start")
        end = column("end")
        elapsed = column("elapsed")
        elapsedRaw = column("elapsedraw")
        consumedEnergyRaw = column("consumedenergyraw")
        consumedEnergy = column("consumedenergy")
    }

    /// Whether the header has a column that tells a job's energy or GPU-hours.
    var tellsEnergyOrGPUs: Bool {
        consumedEnergyRaw != nil || consumedEnergy != nil || allocTRES != nil
    }
}

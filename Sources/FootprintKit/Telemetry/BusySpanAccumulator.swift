/// The GPU busy spans of one profiler trace as they stream in, merged per device while they come, so that memory
/// grows with the busy intervals (the union of the spans), not with the events.
///
/// A span that starts inside the device's latest waiting span (or, with none waiting, its last interval) extends
/// it at once (a stream's kernels come in time order); others wait in a buffer that is sorted and merged into the device's intervals when it grows as large
/// as they are, so the merging costs O(n log n) in all. Both the devices (``maximumDevices``) and the intervals
/// kept, merged or waiting (``maximumIntervals``), are bounded; a span past either bound is counted and left out.
struct BusySpanAccumulator {
    /// Devices (`pid`s with GPU spans) kept per trace, as a power log keeps at most 1,024 GPUs.
    static let maximumDevices = 1024
    /// Intervals kept per trace, all devices together (16 bytes each, twice that while merging).
    static let maximumIntervals = 1_000_000
    /// A device's waiting spans are merged once there are this many, or as many as its merged intervals.
    static let minimumMergeBatch = 4096

    private struct Device {
        var id: Int
        /// Disjoint, in time order.
        var merged: [ClosedRange<Double>] = []
        /// In arrival order; the last one may be extended in place.
        var pending: [ClosedRange<Double>] = []
    }

    /// Why ``add(_:device:)`` left a span out.
    enum Refusal {
        case tooManyDevices, tooManyIntervals
    }

    private var devices: [Device] = []
    private var slotByDevice: [Int: Int] = [:]
    private var intervalCount = 0
    /// Set once merging could not free room under ``maximumIntervals``: further spans that start a new interval
    /// are left out.
    private var isFull = false

    /// Adds the span `span` of device `device`; returns why it was left out, or nil when it was kept.
    mutating func add(_ span: ClosedRange<Double>, device: Int) -> Refusal? {
        let slot: Int
        if let known = slotByDevice[device] {
            slot = known
        } else {
            guard devices.count < Self.maximumDevices else { return .tooManyDevices }
            slot = devices.count
            slotByDevice[device] = slot
            devices.append(Device(id: device))
        }
        if let last = devices[slot].pending.last ?? devices[slot].merged.last, span.lowerBound >= last.lowerBound,
            span.lowerBound <= last.upperBound
        {
            if span.upperBound > last.upperBound {
                // The latest waiting span, or the last (highest) merged interval: extending either keeps the order.
                if devices[slot].pending.isEmpty {
                    devices[slot].merged[devices[slot].merged.count - 1] = last.lowerBound...span.upperBound
                } else {
                    devices[slot].pending[devices[slot].pending.count - 1] = last.lowerBound...span.upperBound
                }
            }
            return nil
        }
        if intervalCount >= Self.maximumIntervals {
            guard !isFull else { return .tooManyIntervals }
            for index in devices.indices { merge(index) }
            // Merging everything again for each further span would cost the whole set each time: unless it freed
            // a quarter of the room, the set stays full.
            isFull = intervalCount > Self.maximumIntervals * 3 / 4
            guard !isFull else { return .tooManyIntervals }
        }
        devices[slot].pending.append(span)
        intervalCount += 1
        if devices[slot].pending.count >= max(Self.minimumMergeBatch, devices[slot].merged.count) { merge(slot) }
        return nil
    }

    /// Each device's busy intervals, sorted by device.
    mutating func finished() -> [ProfilerTrace.DeviceBusy] {
        for index in devices.indices { merge(index) }
        return devices.sorted { $0.id < $1.id }.map { ProfilerTrace.DeviceBusy(device: $0.id, intervals: $0.merged) }
    }

    /// Merges a device's waiting spans into its intervals.
    private mutating func merge(_ slot: Int) {
        guard !devices[slot].pending.isEmpty else { return }
        let pending = devices[slot].pending.sorted { $0.lowerBound < $1.lowerBound }
        let merged = devices[slot].merged
        var result: [ClosedRange<Double>] = []
        result.reserveCapacity(merged.count + pending.count)
        var left = 0
        var right = 0
        while left < merged.count || right < pending.count {
            let next: ClosedRange<Double>
            if right == pending.count || (left < merged.count && merged[left].lowerBound <= pending[right].lowerBound) {
                next = merged[left]
                left += 1
            } else {
                next = pending[right]
                right += 1
            }
            if let last = result.last, next.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, next.upperBound)
            } else {
                result.append(next)
            }
        }
        intervalCount += result.count - merged.count - pending.count
        devices[slot].merged = result
        devices[slot].pending.removeAll(keepingCapacity: false)
    }
}

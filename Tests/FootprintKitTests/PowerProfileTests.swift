import Testing
@testable import FootprintKit

/// The power profile's buckets, by hand: segments within the last bucket, ending or starting on a boundary,
/// crossing one, taken out of an earlier bucket, and the width doubling. Times and watts are exact in binary, so
/// every sum is exact.
struct PowerProfileTests {
    @Test func segmentsLandInTheBucketsThatHoldThem() {
        var profile = PowerProfile(originSeconds: 100)
        profile.add(from: 100.25, to: 100.75, startWatts: 10, endWatts: 10)
        // Ends on the boundary at 101: still bucket 0.
        profile.add(from: 100.75, to: 101, startWatts: 10, endWatts: 20)
        // Starts on it: bucket 1.
        profile.add(from: 101, to: 101.5, startWatts: 20, endWatts: 20)
        // Crosses 102, where the line is at 30 W.
        profile.add(from: 101.5, to: 102.5, startWatts: 20, endWatts: 40)
        #expect(profile.joules == [8.75, 22.5, 17.5])
        #expect(profile.coveredSeconds == [0.75, 1, 0.5])
        #expect(profile.points.map(\.watts) == [8.75 / 0.75, 22.5, 35])

        // Out of bucket 0, no longer the last.
        profile.remove(from: 100.25, to: 100.75, startWatts: 10, endWatts: 10)
        #expect(profile.joules == [3.75, 22.5, 17.5])
        #expect(profile.coveredSeconds == [0.25, 1, 0.5])

        // Past 1,024 buckets of 1 s: pairs merge into buckets of 2 s, then 8 W from 102.5 s to 1,130 s.
        profile.add(from: 102.5, to: 1130, startWatts: 8, endWatts: 8)
        #expect(profile.bucketSeconds == 2)
        #expect(profile.joules.count == 515)
        // Bucket 0 holds 100–102 s (3.75 J and 22.5 J), bucket 1 102–104 s (17.5 J, then 8 W for 1.5 s).
        #expect(profile.joules[0] == 26.25 && profile.coveredSeconds[0] == 1.25)
        #expect(profile.joules[1] == 29.5 && profile.coveredSeconds[1] == 2)
        #expect(profile.joules[2...].allSatisfy { $0 == 16 })
        let total = profile.joules.reduce(0, +)
        #expect(total == 26.25 + 17.5 + 8_220)
    }
}

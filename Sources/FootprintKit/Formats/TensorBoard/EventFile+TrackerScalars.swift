/// Scalar points from a tracker's metric history (W&B, MLflow) written into an ``EventFile``, within the tag limit
/// the TensorBoard reader applies, so that such a history is a training timeline like an event file's.
extension EventFile {
    /// The index of the scalar tag `name` (found through `indices`, which this keeps up to date), added when new;
    /// nil when the file already has ``EventDecoder/maximumTags`` tags.
    mutating func scalarTagIndex(named name: String, indices: inout [String: Int]) -> Int? {
        if let known = indices[name] { return known }
        guard tags.count < EventDecoder.maximumTags else { return nil }
        indices[name] = tags.count
        tags.append(EventTag(name: name))
        return tags.count - 1
    }

    /// One scalar point of tag `index`.
    mutating func addScalar(tag index: Int, step: Int64, wallTime: Double, value: Double) {
        tags[index].simpleValueCount &+= 1
        tags[index].countsByKind[SummaryValueKind.scalar.order] &+= 1
        tags[index].series.append(step: step, wallTime: wallTime, value: value)
    }
}

internal import Dispatch
internal import Synchronization

/// Work on another thread, on an input moved to it: the caller goes on meanwhile, and takes the output once it
/// needs it. The input is held by one thread at a time, never copied, so the arrays in it are not duplicated
/// when they are mutated there.
final class BackgroundTask<Input: Sendable, Output: Sendable>: Sendable {
    private let group = DispatchGroup()
    private let state: Mutex<(input: Input?, output: Output?)>

    /// Starts `body` on `input` on another thread.
    init(_ input: consuming Input, _ body: @escaping @Sendable (consuming Input) -> Output) {
        state = Mutex((input, nil))
        DispatchQueue.global().async(group: group) { [self] in
            guard let input = state.withLock({ $0.input.take() }) else { return }
            let output = body(input)
            state.withLock { $0.output = output }
        }
    }

    /// Whether the output is ready.
    var isFinished: Bool { group.wait(timeout: .now()) == .success }

    /// The output, once ready.
    func output() -> Output {
        group.wait()
        // The body set it before the group was left, and only this call takes it.
        return state.withLock { $0.output.take() }!
    }
}

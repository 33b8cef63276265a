import Foundation
import NIOCore
import NIOPosix

/// An SMTP reply (RFC 5321 §4.2): a three-digit code and its text, one entry per line of a multi-line reply.
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    let code: Int
    let lines: [String]

    var description: String { "\(code) " + lines.joined(separator: " / ") }
}

enum SMTPFailure: Error, CustomStringConvertible {
    /// The server answered a command with something other than what it should.
    case rejected(command: String, reply: SMTPReply)
    case malformedReply(String)
    case closed(during: String)
    case timedOut(during: String, seconds: Int)
    /// Something this client will not do (e.g. send a password in clear to a remote host).
    case refused(String)

    var description: String {
        switch self {
        case .rejected(let command, let reply): "máy chủ từ chối \(command): \(reply)"
        case .malformedReply(let line): "trả lời không đúng dạng SMTP: «\(line.prefix(200))»"
        case .closed(let command): "máy chủ đóng kết nối khi chờ trả lời \(command)"
        case .timedOut(let command, let seconds): "quá \(seconds) giây không có trả lời \(command)"
        case .refused(let reason): reason
        }
    }
}

/// One plain-TCP SMTP conversation: sends command lines and reads their (multi-line) replies, each exchange
/// limited to `timeout` — past it the connection is closed, which ends the wait.
struct SMTPConnection {
    private var replies: NIOAsyncChannelInboundStream<String>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel
    private let timeout: Duration

    /// Connects, runs `body` on the conversation, and closes the connection whatever happens.
    static func open<Result: Sendable>(host: String, port: Int, timeout: Duration,
                                       _ body: (inout SMTPConnection) async throws -> Result) async throws -> Result {
        let asyncChannel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await asyncChannel.executeThenClose { inbound, outbound in
            var connection = SMTPConnection(replies: inbound.makeAsyncIterator(), outbound: outbound,
                                            channel: asyncChannel.channel, timeout: timeout)
            return try await body(&connection)
        }
    }

    /// Sends `command` (nil: only reads, as for the greeting) and returns the reply if its code is one of `expected`.
    @discardableResult
    mutating func exchange(_ command: String?, expect expected: Set<Int>, shown: String? = nil) async throws -> SMTPReply {
        let name = shown ?? command.map { String($0.prefix(while: { $0 != " " && $0 != ":" })) } ?? "lời chào"
        return try await transact(command.map { $0 + "\r\n" }, name: name, expect: expected)
    }

    /// Writes `DATA` content (already dot-stuffed and ending with the `.` line) and waits for it to be accepted.
    mutating func sendData(_ content: String) async throws {
        try await transact(content, name: "DATA (nội dung thư)", expect: [250])
    }

    @discardableResult
    private mutating func transact(_ text: String?, name: String, expect expected: Set<Int>) async throws -> SMTPReply {
        let channel = channel
        let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
        defer { deadline.cancel() }
        let started = ContinuousClock.now
        let reply: SMTPReply
        do {
            if let text { try await outbound.write(ByteBuffer(string: text)) }
            reply = try await readReply(during: name)
        } catch {
            // The deadline closed the connection: say so rather than "closed".
            if ContinuousClock.now - started >= timeout { throw SMTPFailure.timedOut(during: name, seconds: Int(timeout.components.seconds)) }
            throw error
        }
        guard expected.contains(reply.code) else { throw SMTPFailure.rejected(command: name, reply: reply) }
        return reply
    }

    private mutating func readReply(during command: String) async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            guard let line = try await replies.next() else { throw SMTPFailure.closed(during: command) }
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200...599).contains(code),
                  bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-") else {
                throw SMTPFailure.malformedReply(line)
            }
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            // `250-…` lines continue the reply, `250 …` (or a bare `250`) ends it.
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return SMTPReply(code: code, lines: lines) }
        }
    }
}

/// Splits what the server sends into lines, without their CRLF.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 64 * 1024 { throw SMTPFailure.malformedReply("dòng dài quá 64 KB") }
            return .needMoreData
        }
        var bytes = buffer.readBytes(length: newline - buffer.readerIndex + 1) ?? []
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        context.fireChannelRead(wrapInboundOut(String(decoding: bytes, as: UTF8.self)))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

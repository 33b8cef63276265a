import Foundation
import NIOCore
import NIOPosix
@testable import App

/// A tiny SMTP server on a free local port, answering like a relay and recording what it was told.
final class FakeSMTPServer: Sendable {
    struct Options: Sendable {
        var eightBitMIME = true
        var auth = false
        /// RCPT TO addresses answered with 550.
        var rejected: Set<String> = []
        /// Accepts connections and never answers (to test the timeout).
        var silent = false
    }

    /// Everything a client sent: its command lines and, for each DATA, the lines as received (still dot-stuffed).
    final class Record: @unchecked Sendable {
        private let lock = NSLock()
        private var _commands: [String] = []
        private var _messages: [[String]] = []

        var commands: [String] { lock.withLock { _commands } }
        var messages: [[String]] { lock.withLock { _messages } }
        func command(_ line: String) { lock.withLock { _commands.append(line) } }
        func message(_ lines: [String]) { lock.withLock { _messages.append(lines) } }
    }

    let record: Record
    let port: Int
    private let channel: any Channel

    private init(channel: any Channel, record: Record) throws {
        self.channel = channel
        self.record = record
        guard let port = channel.localAddress?.port else { throw SMTPFailure.refused("the fake server has no port") }
        self.port = port
    }

    static func start(_ options: Options = Options()) async throws -> FakeSMTPServer {
        let record = Record()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    try child.pipeline.syncOperations.addHandler(Session(options: options, record: record))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return try FakeSMTPServer(channel: channel, record: record)
    }

    func stop() async throws { try await channel.close() }

    /// One client's conversation.
    private final class Session: ChannelInboundHandler {
        typealias InboundIn = String
        typealias OutboundOut = ByteBuffer

        let options: Options
        let record: Record
        var data: [String]?

        init(options: Options, record: Record) {
            self.options = options
            self.record = record
        }

        func channelActive(context: ChannelHandlerContext) {
            if !options.silent { reply("220 fake.test ESMTP ready", context) }
        }

        func channelRead(context: ChannelHandlerContext, data input: NIOAny) {
            let line = unwrapInboundIn(input)
            if options.silent { return }
            if var lines = data {
                if line == "." {
                    record.message(lines)
                    data = nil
                    reply("250 2.0.0 queued", context)
                } else {
                    lines.append(line)
                    data = lines
                }
                return
            }
            record.command(line)
            let verb = line.uppercased()
            if verb.hasPrefix("EHLO") {
                var lines = ["250-fake.test greets you", "250-PIPELINING"]
                if options.eightBitMIME { lines.append("250-8BITMIME") }
                if options.auth { lines.append("250-AUTH LOGIN PLAIN") }
                reply((lines + ["250 SIZE 1000000"]).joined(separator: "\r\n"), context)
            } else if verb.hasPrefix("AUTH PLAIN") {
                reply("235 2.7.0 Authentication successful", context)
            } else if verb.hasPrefix("RCPT TO:") {
                let address = line.dropFirst(8).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
                reply(options.rejected.contains(address) ? "550 5.1.1 no such user" : "250 2.1.5 ok", context)
            } else if verb == "DATA" {
                data = []
                reply("354 end with <CRLF>.<CRLF>", context)
            } else if verb == "QUIT" {
                reply("221 2.0.0 bye", context)
                context.close(promise: nil)
            } else if verb.hasPrefix("HELO") || verb.hasPrefix("MAIL FROM:") || verb == "RSET" {
                reply("250 2.0.0 ok", context)
            } else {
                reply("502 5.5.2 not implemented", context)
            }
        }

        private func reply(_ text: String, _ context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }
    }
}

package dev.rightsplatform.gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a request exactly as written, byte for byte, and reads the whole answer: for the malformed requests that an
 * HTTP client library would refuse to send or would repair first.
 */
final class RawHttp {

    /** An answer; header names in lower case. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }
    }

    private RawHttp() {}

    /**
     * Sends a request line and headers (each ending in CRLF; {@code Host} and {@code Connection: close} are added, so
     * the gateway closes once it has answered) and no body.
     */
    static Answer send(int port, String requestLineAndHeaders) {
        var request = requestLineAndHeaders + "Host: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n";
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(new String(socket.getInputStream().readAllBytes(), ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One connection kept open across requests, written to as given (several requests in one write are pipelined) and
     * read answer by answer: for what happens between the requests of a keep-alive connection.
     */
    static final class KeepAlive implements AutoCloseable {

        private final Socket socket;
        private final BufferedInputStream in;
        private final Duration answerTimeout;

        KeepAlive(int port, Duration answerTimeout) {
            this.answerTimeout = answerTimeout;
            try {
                socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setTcpNoDelay(true); // each write its own segment, as the client that found the hang sends
                socket.setSoTimeout((int) answerTimeout.toMillis());
                in = new BufferedInputStream(socket.getInputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(String bytes) {
            try {
                socket.getOutputStream().write(bytes.getBytes(ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next answer, which must give its Content-Length; a read timeout if none comes in time. */
        Answer next() {
            try {
                var head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    var b = in.read();
                    if (b < 0) {
                        throw new IllegalStateException("connection closed after: " + head);
                    }
                    head.append((char) b);
                }
                var answer = parse(head.toString());
                var length = Integer.parseInt(answer.header("Content-Length"));
                return new Answer(answer.status(), answer.headers(), new String(in.readNBytes(length), ISO_8859_1));
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within " + answerTimeout, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Answer parse(String raw) {
        var end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no complete answer: " + raw);
        }
        var lines = raw.substring(0, end).split("\r\n");
        var status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            var colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Answer(status, headers, raw.substring(end + 4));
    }
}

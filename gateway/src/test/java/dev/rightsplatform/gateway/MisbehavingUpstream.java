package dev.rightsplatform.gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real TCP server standing in for a broken service; what it does depends on the path: {@code /hang} reads the request
 * and never answers, {@code /hang-up} closes the connection without a word, {@code /garbage} answers with something
 * that is not HTTP. It records the request line of every call that reached it.
 */
final class MisbehavingUpstream implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    MisbehavingUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    String uri() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                var socket = server.accept();
                connections.add(socket);
                threads.submit(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), ISO_8859_1));
            var requestLine = in.readLine();
            for (var line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // headers: read and ignored
            }
            received.add(requestLine);
            if (requestLine.contains("/hang-up")) {
                socket.close();
            } else if (requestLine.contains("/garbage")) {
                socket.getOutputStream().write("SMTP ready, not HTTP\r\n\r\n".getBytes(ISO_8859_1));
                socket.close();
            }
            // "/hang": the socket stays open, unanswered, until close()
        } catch (IOException | RuntimeException gone) {
            // the gateway gave up on the connection: that is the point
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (var socket : connections) {
            socket.close();
        }
        threads.shutdownNow();
    }
}

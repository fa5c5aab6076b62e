package dev.rightsplatform.rights.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a fixed loopback port in front of a real server (PostgreSQL, RabbitMQ), so a test can take that
 * server away from the service under test without stopping it for everyone else: {@link #refuse()} drops every
 * connection and closes the port (connection refused), {@link #hang()} drops them and then accepts new ones without
 * ever answering (a server that froze), {@link #forward()} brings it back on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode {
        FORWARD,
        HANG,
        REFUSE
    }

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket listener;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        acceptLoop(listener);
    }

    public static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(host, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a proxy to " + host + ":" + port, e);
        }
    }

    public int port() {
        return port;
    }

    public synchronized void refuse() {
        mode = Mode.REFUSE;
        closeQuietly(listener);
        dropAll();
    }

    public synchronized void hang() {
        mode = Mode.HANG;
        dropAll();
        reopen();
    }

    public synchronized void forward() {
        mode = Mode.FORWARD;
        reopen();
    }

    @Override
    public synchronized void close() {
        mode = Mode.REFUSE;
        closeQuietly(listener);
        dropAll();
    }

    private void reopen() {
        if (listener.isClosed()) {
            try {
                listener = listen(port);
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on port " + port + " again", e);
            }
            acceptLoop(listener);
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        var socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    private void acceptLoop(ServerSocket server) {
        daemon("proxy-accept-" + port, () -> {
            while (!server.isClosed()) {
                try {
                    var client = server.accept();
                    open.add(client);
                    if (mode == Mode.FORWARD) {
                        var upstream = new Socket(targetHost, targetPort);
                        open.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } // HANG: held open, never answered, until dropped
                } catch (IOException e) {
                    // the listener was closed, or the target refused: the client's socket is dropped below
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        daemon("proxy-pump-" + port, () -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // a side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private void dropAll() {
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private static void daemon(String name, Runnable work) {
        var thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}

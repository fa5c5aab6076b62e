package dev.rightsplatform.notification.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on one thread, taking one connection after the other, so that a test can count the threads
 * and connections the sender makes without a server's own threads in the count (GreenMail starts one per connection).
 * {@link #stallAfterData()} makes it stop reading once a message's data begins, as a server that hangs would; {@link
 * #dropAfterEachMail()} makes it close the connection without a word once a mail is queued, as a server's idle timeout
 * would; {@link #refuseNextRecipient()} answers the next {@code RCPT} with 550.
 */
final class PlainSmtpServer implements AutoCloseable {

    private final ServerSocket socket;

    private final Thread thread;

    private final AtomicInteger received = new AtomicInteger();

    private final AtomicInteger connections = new AtomicInteger();

    private final AtomicInteger quits = new AtomicInteger();

    private final CountDownLatch stalled = new CountDownLatch(1);

    private final CountDownLatch closed = new CountDownLatch(1);

    private volatile boolean stall;

    private volatile boolean drop;

    private volatile boolean refuse;

    PlainSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "plain-smtp-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int received() {
        return received.get();
    }

    /** Connections the server has accepted. */
    int connections() {
        return connections.get();
    }

    /** Connections the sender ended with {@code QUIT}. */
    int quits() {
        return quits.get();
    }

    void dropAfterEachMail() {
        drop = true;
    }

    void refuseNextRecipient() {
        refuse = true;
    }

    void stallAfterData() {
        stall = true;
    }

    boolean hasStalled() {
        return stalled.getCount() == 0;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                converse(client);
            } catch (SocketException closedOrReset) {
                // the server was closed, or the sender gave up on this connection: take the next one
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private void converse(Socket client) throws IOException {
        var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        answer(out, "220 plain-smtp-server ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> answer(out, "250 OK");
                case "RCPT" -> {
                    answer(out, refuse ? "550 5.1.1 no such user here" : "250 OK");
                    refuse = false;
                }
                case "DATA" -> {
                    answer(out, "354 go ahead");
                    if (stall) {
                        stalled.countDown();
                        awaitClose();
                        return;
                    }
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message: counted, not kept
                    }
                    received.incrementAndGet();
                    answer(out, "250 queued");
                    if (drop) {
                        return;
                    }
                }
                case "QUIT" -> {
                    quits.incrementAndGet();
                    answer(out, "221 bye");
                    return;
                }
                default -> answer(out, "502 not here");
            }
        }
    }

    /** Reads nothing more until the server is closed: the sender's writes fill the socket buffers and block. */
    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
    }
}

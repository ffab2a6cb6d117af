package io.firedrill.bootstrap.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy in front of the test database, so a test can make the database disappear for the
 * application (listener closed, every connection reset: what a stopped server looks like) or hang
 * (connections accepted, nothing answered: what a stuck server looks like), or freeze (nothing moves until it
 * thaws, then everything sent meanwhile arrives: what a SIGSTOPped server looks like), and bring it back. It can
 * also stall only the open connections of one client (named by the {@code application_name} of its
 * start-up message) while the database goes on answering everyone else.
 */
final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private Thread acceptor;
    private volatile boolean hanging;
    private volatile boolean frozen;
    private int port;

    TcpProxy(String upstreamHost, int upstreamPort) {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
    }

    int port() {
        return port;
    }

    /** Listens (again) on the proxy's port and forwards every connection to the database. */
    synchronized void start() throws IOException {
        hanging = false;
        frozen = false;
        ServerSocket s = port == 0 ? bindOutsideTheEphemeralRange() : bind(port);
        port = s.getLocalPort();
        server = s;
        acceptor = Thread.ofVirtual().name("proxy-accept").start(() -> accept(s));
    }

    /**
     * While the proxy is stopped, the kernel could hand its port to one of the many outgoing
     * connections the test makes, and the restart would fail; ports below the ephemeral range are
     * never handed out that way.
     */
    private static ServerSocket bindOutsideTheEphemeralRange() throws IOException {
        int ephemeralLow = 32768;
        try {
            ephemeralLow = Integer.parseInt(
                    Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            // keep Linux's default lower bound
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 10_000 + ThreadLocalRandom.current().nextInt(Math.max(1, ephemeralLow - 10_000));
            try {
                return bind(candidate);
            } catch (IOException taken) {
                // another process (a parallel build's proxy or database) has it: try another
            }
        }
        // Once seen in a full suite on a busy machine: every candidate refused. An ephemeral port still works for
        // the first start; a restart after stop() then retries it like any other bind.
        return bind(0);
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Closes the listener and resets every open connection, as a stopped database would. */
    synchronized void stop() throws IOException {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            s.close();
            // The socket is released only when the thread blocked in accept() has left it; restarting
            // on the same port before that fails with "Address already in use".
            try {
                acceptor.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the proxy", e);
            }
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /**
     * Stalls the connections open now whose start-up message names {@code applicationName}: they stay
     * open but nothing is forwarded on them any more, as on a connection whose network path died. New
     * connections, and every other one, are served as before. Returns how many connections were stalled.
     */
    int stall(String applicationName) {
        int stalled = 0;
        for (Link link : links) {
            String startup = link.startup;
            if (startup != null && startup.contains("application_name\0" + applicationName + "\0")) {
                link.stalled = true;
                stalled++;
            }
        }
        return stalled;
    }

    /** Keeps accepting and keeps connections open, but forwards nothing in either direction. */
    void hang() {
        hanging = true;
    }

    /** Forwards nothing in either direction, losing nothing: what was sent arrives after {@link #thaw}. */
    void freeze() {
        frozen = true;
    }

    /** Forwards again, beginning with what was held while frozen. */
    void thaw() {
        frozen = false;
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException closed) {
                return;
            }
            sockets.add(client);
            Thread.ofVirtual().name("proxy-connect").start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket database = new Socket();
        sockets.add(database);
        try {
            database.connect(upstream, 2_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(database);
            return;
        }
        Link link = new Link();
        links.add(link);
        Thread.ofVirtual().name("proxy-up").start(() -> pump(client, database, link, true));
        Thread.ofVirtual().name("proxy-down").start(() -> pump(database, client, link, false));
    }

    private void pump(Socket from, Socket to, Link link, boolean upstream) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (upstream && link.startup == null) {
                    link.startup = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                }
                if (hanging || link.stalled) {
                    continue;
                }
                while (frozen && !to.isClosed()) {
                    LockSupport.parkNanos(5_000_000);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // one side went away; the other is closed below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
            links.remove(link);
        }
    }

    /** One proxied connection: the client's start-up message (the first bytes it sent) and whether it is stalled. */
    private static final class Link {
        volatile String startup;
        volatile boolean stalled;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}

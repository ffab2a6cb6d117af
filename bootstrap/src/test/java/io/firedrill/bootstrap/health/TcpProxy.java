package io.firedrill.bootstrap.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * thaws, then everything sent meanwhile arrives: what a SIGSTOPped server looks like), and bring it back.
 */
final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
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
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 10_000 + ThreadLocalRandom.current().nextInt(Math.max(1, ephemeralLow - 10_000));
            try {
                return bind(candidate);
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw last;
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
        Thread.ofVirtual().name("proxy-up").start(() -> pump(client, database));
        Thread.ofVirtual().name("proxy-down").start(() -> pump(database, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (hanging) {
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
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}

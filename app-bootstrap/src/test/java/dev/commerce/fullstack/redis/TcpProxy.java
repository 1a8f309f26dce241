package dev.commerce.fullstack.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of a Redis master: while {@link #freeze() frozen} it forwards
 * nothing from the master on the replication link of the replica named by {@link #freezeOnly}
 * (recognised by the {@code REPLCONF listening-port} it sends; bytes wait in the proxy, the TCP
 * connection stays up), so that replica misses every write the master acknowledges meanwhile, as a
 * replica behind a network partition does. Every other connection (clients, sentinels, other
 * replicas) and the other direction keep flowing.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile int frozenReplicaPort;
    private volatile boolean closed;

    private TcpProxy(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
    }

    static TcpProxy start(int targetPort) {
        try {
            TcpProxy proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
            Thread.ofPlatform().daemon().name("tcp-proxy-" + targetPort).start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** The listening port of the replica whose replication link {@link #freeze()} stops. */
    void freezeOnly(int replicaPort) {
        frozenReplicaPort = replicaPort;
    }

    /** From now on nothing the master sends reaches that replica. */
    void freeze() {
        frozen = true;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                Link link = new Link();
                pump(client, upstream, link, false);
                pump(upstream, client, link, true);
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    /** One proxied connection: whether it is the frozen replica's replication link. */
    private final class Link {

        private final StringBuilder head = new StringBuilder();
        private volatile boolean frozenReplica;

        void sentByClient(byte[] buffer, int read) {
            if (frozenReplica || head.length() > 8192) {
                return;
            }
            head.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.ISO_8859_1));
            int at = head.indexOf("listening-port\r\n");
            if (at >= 0 && frozenReplicaPort != 0) {
                String rest = head.substring(at);
                frozenReplica = rest.contains("\r\n" + frozenReplicaPort + "\r\n");
            }
        }
    }

    private void pump(Socket from, Socket to, Link link, boolean toClient) {
        Thread.ofPlatform().daemon().name("tcp-proxy-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!toClient) {
                        link.sentByClient(buffer, read);
                    }
                    while (toClient && frozen && link.frozenReplica && !closed) {
                        Thread.sleep(10);
                    }
                    if (closed) {
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed: the other one is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        sockets.forEach(TcpProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}

package dev.commerce.payment.adapter.out.gateway.simulator;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The gateway simulator as a process of its own, standing in for the external payment gateway
 * where the service runs with its production configuration (infra/compose.yaml): the service
 * then talks to it by {@code commerce.payment.gateway.url} like to any gateway. Its ledger is the
 * {@code gateway_simulator} schema, created by the service's migrations in the same PostgreSQL.
 *
 * <p>Environment: {@code SPRING_DATASOURCE_URL}, {@code SPRING_DATASOURCE_USERNAME},
 * {@code SPRING_DATASOURCE_PASSWORD}; {@code GATEWAY_SIMULATOR_PORT} (default {@value #DEFAULT_PORT}),
 * on all interfaces. Run from the application jar:
 * {@code java -cp app.jar -Dloader.main=dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulatorServer
 * org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class GatewaySimulatorServer {

    static final int DEFAULT_PORT = 8090;
    // the service's default read timeout is 3 s: hold a timed-out answer well past it
    private static final long HANG_MILLIS = 7_000;

    private GatewaySimulatorServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        String url = Objects.requireNonNull(System.getenv("SPRING_DATASOURCE_URL"),
                "SPRING_DATASOURCE_URL must name the PostgreSQL that holds the simulator's ledger");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url,
                System.getenv("SPRING_DATASOURCE_USERNAME"), System.getenv("SPRING_DATASOURCE_PASSWORD"));
        // loaded by the jar's launcher, the driver is not found by DriverManager's own look-up
        dataSource.setDriverClassName("org.postgresql.Driver");
        int port = Integer.parseInt(Objects.requireNonNullElse(System.getenv("GATEWAY_SIMULATOR_PORT"),
                String.valueOf(DEFAULT_PORT)));
        GatewaySimulator simulator = new GatewaySimulator(JdbcClient.create(dataSource), HANG_MILLIS,
                new InetSocketAddress(port));
        LoggerFactory.getLogger(GatewaySimulatorServer.class)
                .info("Gateway simulator serving on port {} of every interface; ledger: SPRING_DATASOURCE_URL", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}

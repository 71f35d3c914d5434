/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.coldstart;

import static io.serverless4j.benchmarks.events.EventsBenchmarkReport.median;
import static io.serverless4j.benchmarks.events.EventsBenchmarkReport.names;
import static io.serverless4j.benchmarks.events.EventsBenchmarkReport.totalSize;

import io.serverless4j.benchmarks.events.EventsBenchmarkReport;
import io.serverless4j.idempotency.DynamoDbIdempotencyStore;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start and footprint of the HTTP order example against its peer, in one run: starts dynalite (through
 * serverless4j-testing's {@link LocalAws}), creates the tables, then launches fresh JVMs that each answer one
 * {@code POST /orders} with a new {@code Idempotency-Key} and exit, alternating {@link ColdStartServerless4j} and
 * {@link ColdStartPeer}, with the Lambda runtime's JVM flags and with the JVM's defaults. Prints medians, the ratios
 * ours / peer and the deployment sizes.
 *
 * <p>Run it with {@code java -cp benchmarks/target/benchmarks.jar
 * io.serverless4j.benchmarks.coldstart.OrderApiColdStartReport}. System property {@code cold.runs}: JVMs per
 * variant and JVM flag set (default 10). Each probe's classpath is {@code target/classes} plus the variant's runtime
 * jars only ({@code target/runtime-jars/orderapi-serverless4j} or {@code orderapi-peer}); probe stderr goes to
 * {@code target/coldstart/probes.log}.
 */
public final class OrderApiColdStartReport {

    private static final String OURS = "orderapi-serverless4j";
    private static final String PEER = "orderapi-peer";

    private OrderApiColdStartReport() {
    }

    /** One flag set: its name and the flags. */
    private record Flags(String name, List<String> flags) {}

    /** What one probe JVM measured, in milliseconds. */
    private record Sample(double firstResponse, double inMain, double client, double process) {}

    /**
     * Runs the probes and prints the report.
     *
     * @param args unused
     * @throws Exception if a probe fails or answers anything but 201
     */
    public static void main(String[] args) throws Exception {
        Path target = EventsBenchmarkReport.targetDirectory();
        int runs = Integer.getInteger("cold.runs", 10);
        String loadBefore = load();

        LocalDynamoDb dynalite = LocalAws.dynamoDb();
        List<String> tables = new ArrayList<>();
        try (DynamoDbClient client = dynalite.newClient()) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            tables.add(ordersTable(client, "cold-orders-ours-" + suffix));
            tables.add("cold-idempotency-ours-" + suffix);
            DynamoDbIdempotencyStore.builder().dynamoDbClient(client).tableName(tables.get(1)).build()
                    .createTableIfNotExists();
            tables.add(ordersTable(client, "cold-orders-peer-" + suffix));
            tables.add("cold-idempotency-peer-" + suffix);
            LocalDynamoDb.createTableAndWait(client, tables.get(3), "id");
        }
        List<String> system = List.of("-Dcoldstart.endpoint=" + dynalite.endpoint(),
                "-Dcoldstart.region=" + LocalAws.region().id());
        Path log = Files.createDirectories(target.resolve("coldstart")).resolve("probes.log");
        Files.deleteIfExists(log);

        List<Flags> flagSets = List.of(new Flags("Lambda flags", EventsBenchmarkReport.LAMBDA_JVM_FLAGS),
                new Flags("JVM defaults", List.of()));
        StringBuilder report = new StringBuilder();
        report.append("\n== Order API (POST /orders, API Gateway HTTP API v2) cold start: serverless4j vs ")
                .append("aws-lambda-java-events 3.16.1 + aws-lambda-java-serialization 1.4.1 + hand-written ")
                .append("idempotency ==\n");
        report.append(String.format(Locale.ROOT, "Java %s, %d cores, dynalite at %s, %d JVMs per variant and flag set%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), dynalite.endpoint(), runs));
        for (Flags flags : flagSets) {
            List<String> oursArgs = new ArrayList<>(flags.flags());
            oursArgs.addAll(system);
            oursArgs.add("-Dcoldstart.ordersTable=" + tables.get(0));
            oursArgs.add("-Dcoldstart.idempotencyTable=" + tables.get(1));
            List<String> peerArgs = new ArrayList<>(flags.flags());
            peerArgs.addAll(system);
            peerArgs.add("-Dcoldstart.ordersTable=" + tables.get(2));
            peerArgs.add("-Dcoldstart.idempotencyTable=" + tables.get(3));
            // One untimed run each first: dynalite's own first requests are slower and would hit only one side.
            probe(target, OURS, ColdStartServerless4j.class, oursArgs, log);
            probe(target, PEER, ColdStartPeer.class, peerArgs, log);
            Sample[] ours = new Sample[runs];
            Sample[] peer = new Sample[runs];
            for (int run = 0; run < runs; run++) {
                // Alternate run by run, so a slow spell on the machine hits both alike.
                ours[run] = probe(target, OURS, ColdStartServerless4j.class, oursArgs, log);
                peer[run] = probe(target, PEER, ColdStartPeer.class, peerArgs, log);
            }
            report.append(String.format(Locale.ROOT, "%n%s %s (median of %d, ms, lower is better)%n", flags.name(),
                    flags.flags().isEmpty() ? "(no flags)" : String.join(" ", flags.flags()), runs));
            report.append(String.format(Locale.ROOT, "%-44s %12s %10s %16s%n", "", "serverless4j", "peer",
                    "ratio ours/peer"));
            row(report, "JVM launch to first response", ours, peer, Sample::firstResponse);
            row(report, "  of which main() to response", ours, peer, Sample::inMain);
            row(report, "    of which building the DynamoDbClient", ours, peer, Sample::client);
            row(report, "JVM launch to exit", ours, peer, Sample::process);
        }

        Path oursJars = target.resolve("runtime-jars").resolve(OURS);
        Path peerJars = target.resolve("runtime-jars").resolve(PEER);
        long oursSize = totalSize(oursJars);
        long peerSize = totalSize(peerJars);
        report.append("\nDeployment size: runtime jars of the handler (KiB, lower is better; the handler's own classes not counted)\n");
        report.append(String.format(Locale.ROOT, "%-44s %12d %10d %15.2fx%n", "all runtime jars", oursSize / 1024,
                peerSize / 1024, (double) oursSize / peerSize));
        report.append(String.format(Locale.ROOT, "%-44s %12d %10d%n", "jar count", count(oursJars),
                count(peerJars)));
        report.append("  serverless4j: ").append(names(oursJars)).append('\n');
        report.append("  peer:         ").append(names(peerJars)).append('\n');
        report.append("\nLoad average before: ").append(loadBefore).append('\n');
        report.append("Load average after:  ").append(load()).append('\n');
        System.out.println(report);
    }

    private static String ordersTable(DynamoDbClient client, String name) {
        LocalDynamoDb.createTableAndWait(client, name, "orderId");
        return name;
    }

    private static void row(StringBuilder report, String label, Sample[] ours, Sample[] peer,
            java.util.function.ToDoubleFunction<Sample> metric) {
        double o = median(java.util.Arrays.stream(ours).mapToDouble(metric).toArray());
        double p = median(java.util.Arrays.stream(peer).mapToDouble(metric).toArray());
        report.append(String.format(Locale.ROOT, "%-44s %12.0f %10.0f %15.2fx%n", label, o, p, o / p));
    }

    /** Runs one probe JVM and checks it answered 201 with an order. */
    private static Sample probe(Path target, String variant, Class<?> main, List<String> jvmArgs, Path log)
            throws IOException, InterruptedException {
        String classpath = target.resolve("classes") + File.pathSeparator
                + target.resolve("runtime-jars").resolve(variant) + File.separator + "*";
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, main.getName(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        String response;
        String elapsed;
        String client;
        long firstResponse;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            response = out.readLine();
            firstResponse = System.nanoTime();
            elapsed = out.readLine();
            client = out.readLine();
            while (out.readLine() != null) {
                // Drain, so the probe never blocks on a full pipe.
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || response == null || client == null
                || !response.contains("\"statusCode\":201") || !response.contains("orderId")) {
            throw new IllegalStateException("cold probe failed (see " + log + "): " + command + "\n" + response);
        }
        long end = System.nanoTime();
        return new Sample((firstResponse - start) / 1e6, Long.parseLong(elapsed.trim()) / 1e6,
                Long.parseLong(client.trim()) / 1e6, (end - start) / 1e6);
    }

    private static long count(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.count();
        }
    }

    /** The load average, from {@code /proc/loadavg} (what {@code uptime} prints). */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim() + " (1, 5, 15 min; running/total; last pid)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.events;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the events comparison in one go and prints it: warm throughput with JMH, cold first-parse time in fresh
 * JVMs, and jar sizes, each as a ratio serverless4j / peer. Run it with {@code java -cp benchmarks/target/benchmarks.jar io.serverless4j.benchmarks.events.EventsBenchmarkReport [JMH options]}.
 *
 * <p>Arguments are JMH's own ({@code -f 1 -wi 3 -i 5 -w 1s -r 1s} when none are given). System properties:
 * {@code cold.runs} (fresh JVMs per library and event, default 10). The cold probes run with the classes in
 * {@code target/classes} and each library's runtime jars from {@code target/runtime-jars/<library>}, so a probe
 * JVM sees only its own library; they use the JVM flags the Lambda Java runtime uses by default
 * ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}).
 */
public final class EventsBenchmarkReport {

    /** The JVM flags the Lambda Java runtime uses by default; the cold-start probes of other benchmarks use them too. */
    public static final List<String> LAMBDA_JVM_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private EventsBenchmarkReport() {
    }

    /**
     * Runs everything and prints the report.
     *
     * @param args JMH command-line options
     * @throws Exception if JMH or a probe JVM fails
     */
    public static void main(String[] args) throws Exception {
        Path target = targetDirectory();
        int coldRuns = Integer.getInteger("cold.runs", 10);

        Map<String, Double> warm = warm(args);
        Map<String, Double> cold = new HashMap<>();
        Map<String, Double> coldProcess = new HashMap<>();
        for (BenchmarkEvents event : BenchmarkEvents.values()) {
            // Alternate the libraries run by run, so a slow spell on the machine hits both alike.
            double[][] ours = new double[2][coldRuns];
            double[][] peer = new double[2][coldRuns];
            for (int run = 0; run < coldRuns; run++) {
                double[] oursRun = coldOnce(target, "serverless4j", event);
                double[] peerRun = coldOnce(target, "peer", event);
                ours[0][run] = oursRun[0];
                ours[1][run] = oursRun[1];
                peer[0][run] = peerRun[0];
                peer[1][run] = peerRun[1];
            }
            cold.put("serverless4j/" + event, median(ours[0]));
            coldProcess.put("serverless4j/" + event, median(ours[1]));
            cold.put("peer/" + event, median(peer[0]));
            coldProcess.put("peer/" + event, median(peer[1]));
        }

        StringBuilder report = new StringBuilder();
        report.append("\n== serverless4j-events vs aws-lambda-java-events 3.16.1 + aws-lambda-java-serialization 1.4.1 ==\n");
        report.append(String.format(Locale.ROOT, "Java %s, %d cores%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors()));
        report.append("\nWarm parse throughput (JMH, ops/ms, higher is better)\n");
        report.append(String.format(Locale.ROOT, "%-8s %14s %14s %16s%n", "event", "serverless4j", "peer",
                "ratio ours/peer"));
        for (BenchmarkEvents event : BenchmarkEvents.values()) {
            String name = jmhName(event);
            double ours = warm.get(name + "_serverless4j");
            double peer = warm.get(name + "_awsLambdaEvents");
            report.append(String.format(Locale.ROOT, "%-8s %14.1f %14.1f %15.2fx%n", event, ours, peer, ours / peer));
        }
        report.append(String.format(Locale.ROOT, "%nCold first parse in a fresh JVM (median of %d, ms, lower is better)%n",
                coldRuns));
        report.append(String.format(Locale.ROOT, "%-8s %14s %14s %16s %22s%n", "event", "serverless4j", "peer",
                "ratio ours/peer", "whole JVM ours/peer ms"));
        for (BenchmarkEvents event : BenchmarkEvents.values()) {
            double ours = cold.get("serverless4j/" + event);
            double peer = cold.get("peer/" + event);
            report.append(String.format(Locale.ROOT, "%-8s %14.1f %14.1f %15.2fx %11.0f / %.0f%n", event, ours, peer,
                    ours / peer, coldProcess.get("serverless4j/" + event), coldProcess.get("peer/" + event)));
        }
        Path oursJars = target.resolve("runtime-jars/serverless4j");
        Path peerJars = target.resolve("runtime-jars/peer");
        long oursJar = size(jar(oursJars, "serverless4j-events"));
        long peerJar = size(jar(peerJars, "aws-lambda-java-events"));
        long oursTotal = totalSize(oursJars);
        long peerTotal = totalSize(peerJars);
        report.append("\nSize (KiB, lower is better)\n");
        report.append(String.format(Locale.ROOT, "%-38s %10s %10s %16s%n", "", "serverless4j", "peer", "ratio ours/peer"));
        report.append(String.format(Locale.ROOT, "%-38s %10d %10d %15.2fx%n", "events jar", oursJar / 1024,
                peerJar / 1024, (double) oursJar / peerJar));
        report.append(String.format(Locale.ROOT, "%-38s %10d %10d %15.2fx%n",
                "runtime jars needed to parse an event", oursTotal / 1024, peerTotal / 1024,
                (double) oursTotal / peerTotal));
        report.append("  serverless4j: ").append(names(oursJars)).append('\n');
        report.append("  peer:         ").append(names(peerJars)).append('\n');
        System.out.println(report);
    }

    private static Map<String, Double> warm(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(commandLine).include(EventsParseBenchmark.class.getName() + ".*");
        if (args.length == 0) {
            builder.forks(1).warmupIterations(3).measurementIterations(5)
                    .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1));
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        return scores;
    }

    private static String jmhName(BenchmarkEvents event) {
        return switch (event) {
            case SQS -> "sqs";
            case S3 -> "s3";
            case API_V2 -> "apiV2";
        };
    }

    /** Runs one probe JVM; returns its in-JVM parse time and its whole-process time, both in milliseconds. */
    private static double[] coldOnce(Path target, String library, BenchmarkEvents event)
            throws IOException, InterruptedException {
        String classpath = target.resolve("classes") + File.pathSeparator
                + target.resolve("runtime-jars").resolve(library) + File.separator + "*";
        String mainClass = library.equals("peer") ? ColdParsePeer.class.getName()
                : ColdParseServerless4j.class.getName();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(List.of("-cp", classpath, mainClass, event.name()));
        long start = System.nanoTime();
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!probe.waitFor(2, TimeUnit.MINUTES) || probe.exitValue() != 0) {
            throw new IllegalStateException("cold probe failed: " + command + "\n" + output);
        }
        double process = (System.nanoTime() - start) / 1e6;
        double parse = Long.parseLong(output.lines().reduce((a, b) -> b).orElseThrow()) / 1e6;
        return new double[] {parse, process};
    }

    /**
     * The median.
     *
     * @param values the samples
     * @return their median
     */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * {@code benchmarks/target}, found from where this class was loaded.
     *
     * @return the directory
     * @throws URISyntaxException never in practice
     */
    public static Path targetDirectory() throws URISyntaxException {
        Path location = Path.of(EventsBenchmarkReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // benchmarks/target/benchmarks.jar, or benchmarks/target/classes when run from an IDE.
        return location.getParent();
    }

    private static Path jar(Path directory, String artifactId) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(artifactId + "-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + artifactId + " jar in " + directory));
        }
    }

    /**
     * A file's size.
     *
     * @param file the file
     * @return its size in bytes
     */
    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The total size of the files in a directory.
     *
     * @param directory e.g. {@code target/runtime-jars/peer}
     * @return bytes
     * @throws IOException if it cannot be listed
     */
    public static long totalSize(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(EventsBenchmarkReport::size).sum();
        }
    }

    /**
     * The sorted file names in a directory, comma-separated.
     *
     * @param directory the directory
     * @return the names
     * @throws IOException if it cannot be listed
     */
    public static String names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return String.join(", ", files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import io.serverless4j.testing.internal.ClientConfigurer;
import io.serverless4j.testing.internal.Ports;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * Starts the whole local AWS on fixed, configurable ports and prints the endpoints and the environment variables
 * that point an AWS SDK, the AWS CLI or serverless4j-testing at it, so code can be run against it by hand.
 *
 * <pre>
 * java -cp ... io.serverless4j.testing.LocalAwsMain [--sqs-port 9324] [--s3-port 9090] [--dynamodb-port 4567]
 *     [--eventbridge-port 9195]
 * </pre>
 * A port that is taken is replaced by a free one, and the output says so. It runs until interrupted (Ctrl-C).
 */
public final class LocalAwsMain {

    /** The default ports: ElasticMQ's, S3Mock's and dynalite's own defaults, and one for EventBridge. */
    static final Map<String, Integer> DEFAULT_PORTS = Map.of("sqs", 9324, "s3", 9090, "dynamodb", 4567,
            "eventbridge", 9195);

    private LocalAwsMain() {}

    /**
     * Starts the local AWS and waits until the JVM is stopped.
     *
     * @param args {@code --<service>-port N} options; {@code --help}
     * @throws InterruptedException when interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, Integer> ports;
        try {
            ports = parsePorts(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (ports == null) {
            usage(System.out);
            return;
        }
        // Nothing to stop on exit: the in-JVM emulators end with the JVM and dynalite stops by its own hook.
        start(ports, System.out);
        System.out.println("Running; press Ctrl-C to stop.");
        new CountDownLatch(1).await();
    }

    /**
     * Parses {@code --<service>-port N} options over the defaults.
     *
     * @param args the arguments
     * @return the ports by service, or null when help was asked for
     * @throws IllegalArgumentException for an unknown option or a bad port
     */
    static Map<String, Integer> parsePorts(String[] args) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : List.of("sqs", "s3", "dynamodb", "eventbridge")) {
            ports.put(service, DEFAULT_PORTS.get(service));
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            String service = arg.startsWith("--") && arg.endsWith("-port") ? arg.substring(2, arg.length() - 5) : null;
            if (service == null || !ports.containsKey(service)) {
                throw new IllegalArgumentException("unknown option: " + arg);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a port number");
            }
            int port;
            try {
                port = Integer.parseInt(args[++i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(arg + " needs a port number, got '" + args[i] + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(arg + " must be 0 (any free port) to 65535, got " + port);
            }
            ports.put(service, port);
        }
        return ports;
    }

    /**
     * Starts each emulator on its port (or a free one when the port is taken) and prints what it did.
     *
     * @param ports the ports by service; only the services named are started
     * @param out where to print
     * @return the started emulators, to close
     */
    static List<AutoCloseable> start(Map<String, Integer> ports, PrintStream out) {
        Map<String, IntFunction<LocalEndpoint>> starters = new LinkedHashMap<>();
        starters.put("sqs", LocalSqs::start);
        starters.put("s3", LocalS3::start);
        starters.put("dynamodb", LocalDynamoDb::start);
        starters.put("eventbridge", LocalEventBridge::start);
        starters.keySet().retainAll(ports.keySet());
        Map<String, String> labels = Map.of("sqs", "SQS (ElasticMQ)", "s3", "S3 (S3Mock)",
                "dynamodb", "DynamoDB (dynalite)", "eventbridge", "EventBridge (WireMock, PutEvents)");
        List<AutoCloseable> started = new ArrayList<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (Map.Entry<String, IntFunction<LocalEndpoint>> entry : starters.entrySet()) {
            String service = entry.getKey();
            int asked = ports.get(service);
            int port = Ports.preferredOrFree(asked);
            if (port != asked) {
                out.printf("port %d is taken; %s uses port %d instead%n", asked, labels.get(service), port);
            }
            try {
                LocalEndpoint endpoint = entry.getValue().apply(port);
                started.add((AutoCloseable) endpoint);
                endpoints.put(service, endpoint.endpoint().toString());
                out.printf("  %-36s %s%n", labels.get(service), endpoint.endpoint());
            } catch (LocalAwsException e) {
                out.printf("  %-36s NOT STARTED: %s%n", labels.get(service), e.getMessage());
            }
        }
        out.println();
        out.println("Point an AWS SDK or the AWS CLI at it:");
        out.printf("  export AWS_REGION=%s AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s%n", LocalAws.region().id(),
                ClientConfigurer.CREDENTIALS.resolveCredentials().accessKeyId(),
                ClientConfigurer.CREDENTIALS.resolveCredentials().secretAccessKey());
        Map<String, String> sdkNames = Map.of("sqs", "SQS", "s3", "S3", "dynamodb", "DYNAMODB",
                "eventbridge", "EVENTBRIDGE");
        endpoints.forEach((service, url) -> out.printf("  export AWS_ENDPOINT_URL_%s=%s%n", sdkNames.get(service), url));
        out.println("Point serverless4j-testing (LocalAws) at it instead of starting its own emulators:");
        endpoints.forEach((service, url) -> out.printf("  export SERVERLESS4J_%s_ENDPOINT=%s%n",
                sdkNames.get(service), url));
        return started;
    }

    private static void usage(PrintStream out) {
        out.println("Usage: LocalAwsMain [--sqs-port N] [--s3-port N] [--dynamodb-port N] [--eventbridge-port N]");
        out.println("  Defaults: SQS 9324, S3 9090, DynamoDB 4567, EventBridge 9195; 0 means any free port.");
        out.println("  A taken port is replaced by a free one. Runs until Ctrl-C.");
    }
}

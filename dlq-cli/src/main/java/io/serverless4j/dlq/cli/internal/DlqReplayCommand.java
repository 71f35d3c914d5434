/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

import io.serverless4j.dlq.DlqAmbiguousTargetException;
import io.serverless4j.dlq.DlqArchiveException;
import io.serverless4j.dlq.DlqFilters;
import io.serverless4j.dlq.DlqMessage;
import io.serverless4j.dlq.DlqReplayAbortedException;
import io.serverless4j.dlq.DlqReplayException;
import io.serverless4j.dlq.DlqReplayReport;
import io.serverless4j.dlq.DlqReplayer;
import io.serverless4j.dlq.DlqTargetNotFoundException;
import io.serverless4j.retry.RetryPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The {@code serverless4j-dlq-replay} command: replays a DLQ with {@link DlqReplayer}, shows progress and prints a
 * summary; {@code restore} sends an archive again. Run it through {@link DlqReplayMain}. One instance per run; not
 * thread-safe.
 */
@Command(name = "serverless4j-dlq-replay", mixinStandardHelpOptions = true,
        versionProvider = DlqReplayCommand.Version.class,
        subcommands = RestoreCommand.class,
        description = {
            "Moves messages from an SQS dead-letter queue back to a queue, at least once: a crash loses nothing and "
                    + "duplicates at most --workers x 10 messages. Filter, dry run, rate limit, archive, report.",
            ""},
        footer = {
            "",
            "Examples:",
            "  DLQ=https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq",
            "  # What would move? Moves nothing, leaves the DLQ as it was:",
            "  java -jar serverless4j-dlq-replay.jar --dlq $DLQ --dry-run",
            "  # Move OrderPlaced events back to the DLQ's source queue, 200/s, archived:",
            "  java -jar serverless4j-dlq-replay.jar --dlq $DLQ \\",
            "      --filter /type=OrderPlaced --rate 200 --archive orders.jsonl",
            "  # Send an archive again:",
            "  java -jar serverless4j-dlq-replay.jar restore --archive orders.jsonl \\",
            "      --to https://sqs.eu-west-1.amazonaws.com/123456789012/orders",
            "",
            "Exit codes:",
            "  0  every message taken on was moved (dry run: finished)",
            "  1  finished, but some failed or were kept over the replay limit (still in the DLQ)",
            "  2  usage error",
            "  3  AWS or configuration error (missing queue, no or several targets, region,",
            "     credentials, access, target down); nothing was lost: fix it and run again",
            "  4  the archive could not be written or read"},
        usageHelpWidth = 100)
public final class DlqReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--dlq", paramLabel = "URL", description = "The dead-letter queue to move messages from.")
    String dlqUrl;

    @Option(names = "--to", paramLabel = "URL",
            description = "The queue to move them to. Default: the queue whose redrive policy names the DLQ.")
    String targetUrl;

    @Option(names = "--filter", paramLabel = "POINTER=VALUE",
            description = "Move only messages whose JSON body has VALUE at the JSON Pointer, e.g. /type=OrderPlaced. "
                    + "Repeat to require several.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--attribute", paramLabel = "NAME=VALUE",
            description = "Move only messages with this message attribute value. Repeat to require several.")
    List<String> attributeFilters = new ArrayList<>();

    @Option(names = "--dry-run", description = "Count and sample what would move; move nothing.")
    boolean dryRun;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "5",
            description = "Samples a dry run shows (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--rate", paramLabel = "MSGS_PER_S", description = "At most this many messages per second.")
    Double rate;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
            description = "Parallel workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--max-messages", paramLabel = "N", description = "Move at most N messages.")
    Long maxMessages;

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop receiving after this long, e.g. 10m.")
    Duration timeLimit;

    @Option(names = "--archive", paramLabel = "FILE",
            description = "Append every message to this JSONL file (fsync'd) before it is sent.")
    Path archive;

    @Option(names = "--max-replays", paramLabel = "N", defaultValue = "3",
            description = "Keep messages already replayed N times in the DLQ (default: ${DEFAULT-VALUE}).")
    int maxReplays;

    @Option(names = {"--max-attempts", "--max-send-attempts"}, paramLabel = "N", defaultValue = "3",
            description = "Attempts per SQS call, so at most N sends of one message before it is given up "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--visibility-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Visibility timeout of received messages (default: ${DEFAULT-VALUE}).")
    Duration visibilityTimeout;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Long-polling wait per receive (default: ${DEFAULT-VALUE}).")
    Duration receiveWait;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, lines otherwise), bar, lines or none (default: ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How often progress lines are printed when not on a terminal (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    /** Used by picocli. */
    public DlqReplayCommand() {}

    @Override
    public Integer call() {
        if (dlqUrl == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--dlq=URL'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConsoleProgress.Mode mode = progressMode();
        DlqReplayer.Builder builder;
        try {
            builder = DlqReplayer.builder().dlqUrl(dlqUrl).dryRun(dryRun).sampleSize(samples).workers(workers)
                    .maxReplayCount(maxReplays)
                    .retryPolicy(RetryPolicy.builder().maxAttempts(maxAttempts).build())
                    .visibilityTimeout(visibilityTimeout).receiveWaitTime(receiveWait)
                    .listener(new ConsoleProgress(out, mode, progressInterval));
            if (targetUrl != null) {
                builder.targetQueueUrl(targetUrl);
            }
            Predicate<DlqMessage> filter = parseFilters();
            if (filter != null) {
                builder.filter(filter);
            }
            if (rate != null) {
                builder.maxMessagesPerSecond(rate);
            }
            if (maxMessages != null) {
                builder.maxMessages(maxMessages);
            }
            if (timeLimit != null) {
                builder.timeLimit(timeLimit);
            }
            if (archive != null) {
                builder.archive(archive);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (SqsClient sqs = aws.client()) {
            DlqReplayer replayer;
            try {
                replayer = builder.sqsClient(sqs).build();
            } catch (IllegalStateException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            DlqReplayReport report = replayer.replay();
            Summary.print(report, out, false);
            return report.allSucceeded() ? ExitCode.OK : ExitCode.SOME_NOT_MOVED;
        } catch (DlqTargetNotFoundException | DlqAmbiguousTargetException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.AWS_OR_CONFIG;
        } catch (DlqReplayAbortedException e) {
            Summary.print(e.report(), out, false);
            err.println("error: " + e.getMessage());
            return ExitCode.AWS_OR_CONFIG;
        } catch (DlqArchiveException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.ARCHIVE;
        } catch (DlqReplayException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.AWS_OR_CONFIG;
        } catch (SdkException e) {
            err.println("error: " + e.getMessage() + (aws.region == null ? " (pass --region or set AWS_REGION)" : ""));
            return ExitCode.AWS_OR_CONFIG;
        } finally {
            err.flush();
        }
    }

    private ConsoleProgress.Mode progressMode() {
        switch (progress) {
            case "auto":
                return System.console() != null ? ConsoleProgress.Mode.BAR : ConsoleProgress.Mode.LINES;
            case "bar":
                return ConsoleProgress.Mode.BAR;
            case "lines":
                return ConsoleProgress.Mode.LINES;
            case "none":
                return ConsoleProgress.Mode.NONE;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(), "--progress must be auto, bar, lines or "
                        + "none, was '" + progress + "'");
        }
    }

    private Predicate<DlqMessage> parseFilters() {
        Predicate<DlqMessage> all = null;
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            if (!filter.startsWith("/") || eq < 0) {
                throw new IllegalArgumentException("--filter needs POINTER=VALUE with a JSON Pointer, e.g. "
                        + "/type=OrderPlaced; was '" + filter + "'");
            }
            Predicate<DlqMessage> one = DlqFilters.jsonPointerEquals(filter.substring(0, eq),
                    filter.substring(eq + 1));
            all = all == null ? one : all.and(one);
        }
        for (String filter : attributeFilters) {
            int eq = filter.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--attribute needs NAME=VALUE, e.g. tenant=acme; was '" + filter
                        + "'");
            }
            Predicate<DlqMessage> one = DlqFilters.attributeEquals(filter.substring(0, eq), filter.substring(eq + 1));
            all = all == null ? one : all.and(one);
        }
        return all;
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DlqReplayCommand.class.getPackage().getImplementationVersion();
            return new String[] {"serverless4j-dlq-replay " + (version == null ? "(development build)" : version)};
        }
    }
}

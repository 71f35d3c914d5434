/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.nightlyreplay;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.EventHandler;
import io.serverless4j.events.eventbridge.ScheduledEvent;
import io.serverless4j.messaging.EventBridgeEntry;
import io.serverless4j.messaging.EventBridgePublisher;
import io.serverless4j.messaging.PublishReport;
import io.serverless4j.dlq.DlqReplayAbortedException;
import io.serverless4j.dlq.DlqReplayException;
import io.serverless4j.dlq.DlqReplayReport;
import io.serverless4j.dlq.DlqReplayer;
import io.serverless4j.core.Invocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs on an EventBridge schedule: moves the messages of each configured DLQ back to its queue with
 * {@link DlqReplayer}, one DLQ after the other within the function's remaining time, then publishes a
 * {@code DlqReplayReport} event with what moved and what stayed, and returns the same summary.
 *
 * <p>Environment: {@code REPLAY_ROUTES}, comma-separated {@code <dlq-url>=<target-queue-url>} pairs, and
 * {@code EVENT_BUS_NAME}. Messages already replayed 3 times stay in their DLQ (and are reported): a message that
 * fails forever does not go round every night. Thread-safe.
 */
public final class NightlyDlqReplayHandler extends EventHandler<ScheduledEvent, ReplaySummary> {

    /** The {@code source} of the report events. */
    static final String EVENT_SOURCE = "serverless4j.examples.dlq-replay";
    /** The time kept free at the end of the invocation to publish the report. */
    static final Duration REPORT_MARGIN = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(NightlyDlqReplayHandler.class);
    private static final int MAX_PROBLEMS_PER_QUEUE = 20;

    /**
     * A DLQ and the queue its messages go back to.
     *
     * @param dlqUrl the dead-letter queue
     * @param targetQueueUrl the queue to move its messages to
     */
    record Route(String dlqUrl, String targetQueueUrl) {

        /**
         * Parses {@code <dlq-url>=<target-url>,...}.
         *
         * @param routes the text
         * @return the routes
         * @throws IllegalArgumentException naming a malformed pair
         */
        static List<Route> parse(String routes) {
            return Stream.of(routes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(pair -> {
                int eq = pair.indexOf('=');
                if (eq < 1 || eq == pair.length() - 1) {
                    throw new IllegalArgumentException("REPLAY_ROUTES: expected <dlq-url>=<target-queue-url>, found "
                            + pair);
                }
                return new Route(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }).toList();
        }
    }

    /** What the Lambda runtime uses: built on the first invocation, once per execution environment. */
    private static final class FromEnvironment {
        static final SqsClient SQS = SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        static final EventBridgeClient EVENT_BRIDGE = EventBridgeClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        static final NightlyDlqReplayHandler HANDLER = new NightlyDlqReplayHandler(SQS, EVENT_BRIDGE,
                requiredEnv("EVENT_BUS_NAME"), Route.parse(requiredEnv("REPLAY_ROUTES")));
    }

    private final List<Route> routes;
    private final List<DlqReplayer> replayers;
    private final EventBridgePublisher events;

    /** The constructor the Lambda runtime calls: configuration from the environment. */
    public NightlyDlqReplayHandler() {
        this(FromEnvironment.HANDLER);
    }

    private NightlyDlqReplayHandler(NightlyDlqReplayHandler configured) {
        super(ScheduledEvent.class);
        this.routes = configured.routes;
        this.replayers = configured.replayers;
        this.events = configured.events;
    }

    /**
     * For tests and the local demo.
     *
     * @param sqs the client for the queues
     * @param eventBridge the client for the report
     * @param eventBusName the bus the report goes to
     * @param routes the DLQs and their targets
     */
    NightlyDlqReplayHandler(SqsClient sqs, EventBridgeClient eventBridge, String eventBusName, List<Route> routes) {
        super(ScheduledEvent.class);
        Objects.requireNonNull(sqs, "sqs");
        this.routes = List.copyOf(routes);
        // Built once; only the time limit changes per invocation (toBuilder()).
        this.replayers = routes.stream().map(route -> DlqReplayer.builder()
                .sqsClient(sqs)
                .dlqUrl(route.dlqUrl())
                .targetQueueUrl(route.targetQueueUrl())
                .workers(2)
                .maxReplayCount(3)
                .build()).toList();
        this.events = EventBridgePublisher.builder().eventBridgeClient(eventBridge).eventBusName(eventBusName).build();
    }

    @Override
    protected ReplaySummary handle(ScheduledEvent event, Context context) {
        Invocation invocation = Invocation.of(context);
        List<ReplaySummary.Queue> queues = new ArrayList<>();
        for (int i = 0; i < replayers.size(); i++) {
            DlqReplayer replayer = replayers.get(i);
            // Share what is left fairly among the DLQs still to do; replay(context) also keeps every SQS call of
            // each one inside the invocation's deadline.
            Duration share = invocation.timeLeft(REPORT_MARGIN).dividedBy(replayers.size() - i);
            if (share.compareTo(Duration.ofSeconds(1)) < 0) {
                queues.add(notRun(routes.get(i), "no time left in this invocation"));
                continue;
            }
            queues.add(replay(routes.get(i), replayer.toBuilder().timeLimit(share).build(), context));
        }
        boolean allMoved = queues.stream().allMatch(q -> q.failed() == 0 && q.keptOverReplayLimit() == 0
                && q.problems().isEmpty());
        ReplaySummary summary = new ReplaySummary(event.time().toString(), event.ruleName(), queues, allMoved);
        PublishReport report = events.publish(
                List.of(EventBridgeEntry.of(EVENT_SOURCE, "DlqReplayReport", summary)), context);
        if (!report.allSucceeded()) {
            LOG.error("DlqReplayReport not published: {}", report.failed().get(0).errorCode());
        }
        LOG.info("nightly replay done: queues={} moved={} allMoved={}", queues.size(),
                queues.stream().mapToLong(ReplaySummary.Queue::moved).sum(), allMoved);
        return summary;
    }

    private static ReplaySummary.Queue replay(Route route, DlqReplayer replayer, Context context) {
        try {
            return summarize(replayer.replay(context), List.of());
        } catch (DlqReplayAbortedException e) {
            LOG.error("replay of {} aborted", replayer, e);
            return summarize(e.report(), List.of(e.getMessage()));
        } catch (DlqReplayException e) {
            // A missing queue or a wrong route: report it, go on with the other DLQs.
            LOG.error("replay of {} could not run", replayer, e);
            return notRun(route, e.getMessage());
        }
    }

    private static ReplaySummary.Queue summarize(DlqReplayReport report, List<String> errors) {
        List<String> problems = new ArrayList<>(errors);
        Stream.concat(report.failed().stream(), report.keptOverReplayLimit().stream())
                .limit(MAX_PROBLEMS_PER_QUEUE)
                .forEach(m -> problems.add(m.originalMessageId() + ": " + m.reason()));
        return new ReplaySummary.Queue(report.dlqUrl(), report.targetQueueUrl(), report.stopReason().name(),
                report.moved(), report.failed().size(), report.keptOverReplayLimit().size(), problems);
    }

    private static ReplaySummary.Queue notRun(Route route, String why) {
        return new ReplaySummary.Queue(route.dlqUrl(), route.targetQueueUrl(), "ERROR", 0, 0, 0, List.of(why));
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the SAM template sets it");
        }
        return value;
    }
}

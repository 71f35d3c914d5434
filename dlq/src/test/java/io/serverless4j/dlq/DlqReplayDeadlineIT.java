/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.testing.SqsQueues;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.dlq.DlqReplayReport.NotMoved;
import io.serverless4j.dlq.DlqReplayReport.StopReason;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@link DlqReplayer#replay(com.amazonaws.services.lambda.runtime.Context)} against an SQS that throttles or never
 * answers (a {@link FaultProxy} in front of ElasticMQ), with a 3-second real-time Lambda context: the replay returns
 * its report before the invocation would time out, says that the deadline stopped it, and loses nothing; the only
 * duplicates are the batches reported as sent but not deleted (at most one per worker).
 */
@ExtendWith(LocalAws.class)
class DlqReplayDeadlineIT {

    private static final Duration INVOCATION = Duration.ofSeconds(3);
    private static final int MESSAGES = 60;
    private static final int WORKERS = 4;

    private FaultProxy proxy;
    private SqsClient faulty;
    private final CallRecorder faultyCalls = new CallRecorder();

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.inFrontOf(LocalAws.sqs());
        // A client left at the SDK's defaults: the policy turns its retries off and caps its timeouts per request.
        faulty = proxy.configure(SqsClient.builder(), faultyCalls).build();
    }

    @AfterEach
    void stopProxy() {
        faulty.close();
        proxy.close();
    }

    private DlqReplayer replayer(String dlqUrl) {
        return DlqReplayer.builder().sqsClient(faulty).dlqUrl(dlqUrl).workers(WORKERS)
                .visibilityTimeout(Duration.ofSeconds(2))
                // As many attempts as time allows: only the deadline may stop the retries.
                .retryPolicy(RetryPolicy.builder().maxAttempts(1_000).build())
                .build();
    }

    /** Runs a replay in a fresh 3-second invocation and checks that it returned within it. */
    private static DlqReplayReport replayWithinTheInvocation(DlqReplayer replayer) {
        TestLambdaContext context = TestLambdaContext.withRemainingTime(INVOCATION);
        long started = System.nanoTime();
        DlqReplayReport report = replayer.replay(context);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("replay(context) of %s returned after %d ms: %s, received %d, moved %d, left %d, "
                + "sent but not deleted %d%n", replayer.dlqUrl(), took.toMillis(), report.stopReason(),
                report.received(), report.moved(), report.left().size(), report.sentNotDeleted().size());
        assertThat(took).as("time the replay took").isLessThan(INVOCATION);
        assertThat(report.stopReason()).isEqualTo(StopReason.DEADLINE);
        assertAccountedFor(report);
        return report;
    }

    @Test
    void aTargetThatThrottlesEverySendStopsTheReplayAtTheDeadlineWithEveryMessageStillInTheDlq(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "deadline-throttled");
        List<String> bodies = SqsQueues.bodies("m", MESSAGES);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        proxy.failNext("SendMessageBatch", Integer.MAX_VALUE, Fault.throttling());

        DlqReplayReport report = replayWithinTheInvocation(replayer(queues.dlqUrl()));

        assertThat(faultyCalls.calls("SendMessageBatch")).isGreaterThanOrEqualTo(1);
        assertThat(report.received()).isPositive();
        assertThat(report.moved()).isZero();
        assertThat(report.sentNotDeleted()).isEmpty();
        assertThat(report.left()).hasSize((int) report.received())
                .allSatisfy(m -> assertThat(m.reason()).contains("not sent"))
                .anySatisfy(m -> assertThat(m.reason()).contains("ThrottlingException"));
        assertThat(SqsQueues.counts(sqs, queues.sourceUrl())).containsExactly(0, 0);
        int[] dlq = SqsQueues.counts(sqs, queues.dlqUrl());
        assertThat(dlq[0] + dlq[1]).isEqualTo(MESSAGES);

        assertNothingLostAndDuplicatesBounded(sqs, queues, bodies, report);
    }

    @Test
    void aDeleteThatNeverAnswersIsCutOffAtTheDeadlineAndItsSentBatchIsReported(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "deadline-delete");
        List<String> bodies = SqsQueues.bodies("m", MESSAGES);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        proxy.failNext("DeleteMessageBatch", Integer.MAX_VALUE, Fault.delay(Duration.ofMinutes(2)));

        DlqReplayReport report = replayWithinTheInvocation(replayer(queues.dlqUrl()));

        assertThat(report.moved()).isZero();
        assertThat(report.sentNotDeleted()).isNotEmpty().hasSizeLessThanOrEqualTo(WORKERS * 10)
                .allSatisfy(m -> assertThat(m.reason()).contains("was sent to " + queues.sourceUrl())
                        .contains("deadline").contains("duplicate"));
        // The target holds exactly the batches reported as sent but not deleted, each once.
        List<Message> target = SqsQueues.drain(sqs, queues.sourceUrl());
        assertThat(target).extracting(m -> m.messageAttributes().get(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE)
                .stringValue()).containsExactlyInAnyOrderElementsOf(ids(report.sentNotDeleted()));
        SqsQueues.sendBodies(sqs, queues.sourceUrl(), target.stream().map(Message::body).toList()); // put them back

        assertNothingLostAndDuplicatesBounded(sqs, queues, bodies, report);
    }

    @Test
    void aReceiveThatNeverAnswersIsCutOffAtTheDeadlineAndNothingMoves(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "deadline-receive");
        List<String> bodies = SqsQueues.bodies("m", MESSAGES);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        proxy.failNext("ReceiveMessage", Integer.MAX_VALUE, Fault.delay(Duration.ofMinutes(2)));

        DlqReplayReport report = replayWithinTheInvocation(replayer(queues.dlqUrl()));

        assertThat(report.received()).isZero();
        assertThat(report.moved()).isZero();
        assertThat(faultyCalls.calls("SendMessageBatch")).isZero();
        assertThat(faultyCalls.calls("DeleteMessageBatch")).isZero();
        assertThat(SqsQueues.counts(sqs, queues.sourceUrl())).containsExactly(0, 0);
        int[] dlq = SqsQueues.counts(sqs, queues.dlqUrl());
        assertThat(dlq[0] + dlq[1]).isEqualTo(MESSAGES);

        assertNothingLostAndDuplicatesBounded(sqs, queues, bodies, report);
    }

    @Test
    void anInvocationWithTimeEnoughMovesEverythingAndEndsWhenTheDlqIsEmpty(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "deadline-ample");
        List<String> bodies = SqsQueues.bodies("m", MESSAGES);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);

        DlqReplayReport report = replayer(queues.dlqUrl()).replay(
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)));

        assertThat(report.stopReason()).isEqualTo(StopReason.EMPTY);
        assertThat(report.allSucceeded()).isTrue();
        assertThat(report.moved()).isEqualTo(MESSAGES);
        assertAccountedFor(report);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(bodies);
    }

    @Test
    void anInvocationWithNoTimeLeftStartsNothingAndSaysSo(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "deadline-none");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), SqsQueues.bodies("m", 5));

        DlqReplayReport report = replayer(queues.dlqUrl()).replay(
                TestLambdaContext.withRemainingTime(Duration.ofMillis(400)));

        assertThat(report.stopReason()).isEqualTo(StopReason.DEADLINE);
        assertThat(report.received()).isZero();
        assertThat(faultyCalls.calls("ReceiveMessage")).isZero();
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(5, 0);
    }

    /** Every received message is in exactly one of the report's places. */
    static void assertAccountedFor(DlqReplayReport report) {
        assertThat(report.moved() + report.skippedByFilter() + report.failed().size()
                + report.keptOverReplayLimit().size() + report.left().size() + report.sentNotDeleted().size())
                .as("moved + skipped + failed + kept + left + sent but not deleted").isEqualTo(report.received());
        Set<String> ids = new HashSet<>();
        for (List<NotMoved> list : List.of(report.failed(), report.keptOverReplayLimit(), report.left(),
                report.sentNotDeleted())) {
            list.forEach(m -> assertThat(ids.add(m.messageId())).as("reported once: %s", m.messageId()).isTrue());
        }
    }

    /**
     * Once the faults are gone, a replay outside Lambda moves the rest: every message arrives in the target, and
     * the only ones that arrive twice are those the deadline replay reported as sent but not deleted.
     */
    private void assertNothingLostAndDuplicatesBounded(SqsClient sqs, SqsQueues.Pair queues, List<String> bodies,
            DlqReplayReport deadlineReport) {
        proxy.clearFaults();
        SqsQueues.awaitAllVisible(sqs, queues.dlqUrl(), Duration.ofSeconds(15));
        DlqReplayReport rest = DlqReplayer.builder().sqsClient(sqs).dlqUrl(queues.dlqUrl()).build().replay();
        assertThat(rest.allSucceeded()).isTrue();
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(0, 0);

        Map<String, Integer> arrivals = new HashMap<>();
        SqsQueues.drain(sqs, queues.sourceUrl()).forEach(m -> arrivals.merge(m.body(), 1, Integer::sum));
        assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(bodies);
        Set<String> twice = arrivals.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(arrivals.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(twice.size()).isLessThanOrEqualTo(deadlineReport.sentNotDeleted().size());
    }

    private static List<String> ids(List<NotMoved> messages) {
        return messages.stream().map(NotMoved::messageId).toList();
    }
}

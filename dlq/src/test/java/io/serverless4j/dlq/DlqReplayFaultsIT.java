/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.testing.SqsQueues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.retry.Backoff;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Failures injected between the replayer and ElasticMQ by a {@link FaultProxy}. The replayer's client has the
 * SDK's own retries turned off, so each injected fault is one failed call the replayer itself must handle.
 */
@ExtendWith(LocalAws.class)
class DlqReplayFaultsIT {

    private FaultProxy proxy;
    private SqsClient faulty;
    private final CallRecorder faultyCalls = new CallRecorder();

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.inFrontOf(LocalAws.sqs());
        faulty = proxy.configure(SqsClient.builder().overrideConfiguration(o -> o.retryStrategy(
                AwsRetryStrategy.doNotRetry())), faultyCalls).build();
    }

    @AfterEach
    void stopProxy() {
        faulty.close();
        proxy.close();
    }

    @Test
    void throttledSendsLeaveExactlyTheFailedMessagesInTheDlqAndReportThem(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "throttled");
        List<String> bodies = SqsQueues.bodies("m", 50);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        proxy.failNext("SendMessageBatch", 2, Fault.throttling());

        DlqReplayReport report = DlqReplayer.builder().sqsClient(faulty).dlqUrl(queues.dlqUrl()).workers(2)
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build()).build().replay();

        assertThat(proxy.injectedFaults()).isEqualTo(2);
        assertThat(report.moved()).isEqualTo(30);
        assertThat(report.failed()).hasSize(20).allSatisfy(f -> assertThat(f.reason())
                .contains("ThrottlingException").contains(queues.sourceUrl()).contains("stays in the DLQ"));
        List<Message> left = SqsQueues.drain(sqs, queues.dlqUrl());
        assertThat(left).extracting(Message::messageId).containsExactlyInAnyOrderElementsOf(
                report.failed().stream().map(DlqReplayReport.NotMoved::messageId).collect(Collectors.toList()));
        List<String> moved = SqsQueues.drain(sqs, queues.sourceUrl()).stream().map(Message::body)
                .collect(Collectors.toList());
        assertThat(moved).hasSize(30).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(left.stream().map(Message::body).collect(Collectors.toList()));
        Set<String> all = new HashSet<>(moved);
        left.forEach(m -> all.add(m.body()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(bodies);
    }

    @Test
    void sendsAgainAfterConnectionResetsAndMovesEachMessageOnce(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "reset");
        List<String> bodies = SqsQueues.bodies("m", 30);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        proxy.failNext("SendMessageBatch", 2, Fault.connectionReset());

        DlqReplayReport report = DlqReplayer.builder().sqsClient(faulty).dlqUrl(queues.dlqUrl()).workers(1)
                .build().replay();

        assertThat(report.allSucceeded()).isTrue();
        assertThat(report.moved()).isEqualTo(30);
        // Three batches; the first one is sent three times (two resets, then through).
        assertThat(faultyCalls.calls("SendMessageBatch")).isEqualTo(5);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(0, 0);
    }

    @Test
    void retriesAFailedDeleteSoNothingIsLeftBehindToBeReplayedTwice(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "delete");
        List<String> bodies = SqsQueues.bodies("m", 20);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        proxy.failNext("DeleteMessageBatch", 1, Fault.serverError());

        DlqReplayReport report = DlqReplayer.builder().sqsClient(faulty).dlqUrl(queues.dlqUrl()).build().replay();

        assertThat(report.allSucceeded()).isTrue();
        assertThat(faultyCalls.calls("DeleteMessageBatch")).isEqualTo(3);
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(0, 0);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(bodies);
    }

    @Test
    void stopsWhenTheTargetKeepsFailingInsteadOfLoopingAndLosesNothing(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "down");
        List<String> bodies = SqsQueues.bodies("m", 200);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        proxy.failNext("SendMessageBatch", 1000, Fault.serverError());

        assertThatThrownBy(() -> DlqReplayer.builder().sqsClient(faulty).dlqUrl(queues.dlqUrl()).workers(2)
                .retryPolicy(RetryPolicy.builder().maxAttempts(20)
                        .backoff(Backoff.fullJitter(Duration.ofMillis(10), Duration.ofMillis(100))).build())
                .build().replay())
                .isInstanceOfSatisfying(DlqReplayAbortedException.class, e -> {
                    assertThat(e.report().moved()).isZero();
                    assertThat(e.report().stopReason()).isEqualTo(DlqReplayReport.StopReason.ABORTED);
                })
                .hasMessageContaining("failed in a row").hasMessageContaining(queues.sourceUrl())
                .hasMessageContaining("nothing was lost");
        assertThat(faultyCalls.calls("SendMessageBatch")).isBetween(10, 12);
        // Every message is visible in the DLQ again at once.
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(200, 0);
        assertThat(SqsQueues.counts(sqs, queues.sourceUrl())).containsExactly(0, 0);
    }

    @Test
    void keepsMessagesInvisibleWhileASlowSendIsUnderWaySoNoOneElseReceivesThem(SqsClient sqs) throws Exception {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "slow");
        List<String> bodies = SqsQueues.bodies("m", 10);
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), bodies);
        proxy.failNext("SendMessageBatch", 1, Fault.delay(Duration.ofSeconds(5)));

        CompletableFuture<DlqReplayReport> replay = CompletableFuture.supplyAsync(() -> DlqReplayer.builder()
                .sqsClient(faulty).dlqUrl(queues.dlqUrl()).workers(1).visibilityTimeout(Duration.ofSeconds(2))
                .build().replay());
        Thread.sleep(3500); // well past the 2 s visibility timeout the messages were received with

        assertThat(sqs.receiveMessage(b -> b.queueUrl(queues.dlqUrl()).maxNumberOfMessages(10)).messages())
                .as("messages held by the slow send").isEmpty();
        DlqReplayReport report = replay.get();
        assertThat(report.moved()).isEqualTo(10);
        assertThat(faultyCalls.calls("ChangeMessageVisibilityBatch")).isGreaterThanOrEqualTo(2);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(0, 0);
    }
}

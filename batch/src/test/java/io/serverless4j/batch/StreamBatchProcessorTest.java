/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import io.serverless4j.testing.TestLambdaContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.dynamodb.AttributeValue;
import io.serverless4j.events.dynamodb.DynamoDbStreamEvent;
import io.serverless4j.events.kinesis.KinesisEvent;
import io.serverless4j.testing.events.DynamoDbStreamEvents;
import io.serverless4j.testing.events.KinesisEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StreamBatchProcessorTest {

    private final StreamBatchProcessor processor = StreamBatchProcessor.builder().build();

    private static List<String> failed(BatchResponse response) {
        return response.batchItemFailures().stream().map(BatchResponse.ItemFailure::itemIdentifier).toList();
    }

    @Test
    void kinesisStopsAtTheFirstFailureAndReportsItsSequenceNumber() {
        KinesisEvent event = KinesisEvents.of("a", "b", "c", "d");
        List<String> ran = new ArrayList<>();
        BatchResponse response = processor.processKinesis(event, null, (r, c) -> {
            ran.add(r.kinesis().dataAsString());
            if (r.kinesis().dataAsString().equals("b")) {
                throw new IllegalStateException("b fails");
            }
        });
        assertThat(ran).containsExactly("a", "b");
        assertThat(failed(response)).containsExactly(event.records().get(1).kinesis().sequenceNumber());
    }

    @Test
    void aFullySuccessfulStreamBatchReportsNothing() {
        assertThat(processor.processKinesis(KinesisEvents.of("a", "b"), null, (r, c) -> { }).batchItemFailures())
                .isEmpty();
    }

    @Test
    void dynamoDbStreamsCheckpointAtTheFirstFailedRecord() {
        DynamoDbStreamEvent event = new DynamoDbStreamEvent(IntStream.range(0, 3)
                .mapToObj(i -> DynamoDbStreamEvents.insert(Map.of("id", new AttributeValue.StringValue("k" + i)),
                        Map.of("id", new AttributeValue.StringValue("k" + i))).records().get(0))
                .toList());
        BatchResponse response = processor.processDynamoDbStream(event, null, (r, c) -> {
            if (r == event.records().get(2)) {
                throw new IllegalStateException("third fails");
            }
        });
        assertThat(failed(response)).containsExactly(event.records().get(2).dynamodb().sequenceNumber());
    }

    @Test
    void nearTheDeadlineTheCheckpointIsTheFirstRecordNotStarted() {
        KinesisEvent event = KinesisEvents.of("a", "b");
        List<String> ran = new ArrayList<>();
        BatchResponse response = StreamBatchProcessor.builder().safetyMargin(Duration.ofSeconds(1)).build()
                .processKinesis(event, TestLambdaContext.onFakeClock(Duration.ofMillis(500)),
                        (r, c) -> ran.add(r.kinesis().dataAsString()));
        assertThat(ran).isEmpty();
        assertThat(failed(response)).containsExactly(event.records().get(0).kinesis().sequenceNumber());
    }

    @Test
    void anErrorStopsTheBatchAtItsRecordInsteadOfEscaping() {
        KinesisEvent event = KinesisEvents.of("a", "b", "c");
        List<String> ran = new ArrayList<>();
        BatchResponse response = StreamBatchProcessor.builder().build().processKinesis(event, null, (r, c) -> {
            ran.add(r.kinesis().dataAsString());
            if (r.kinesis().dataAsString().equals("b")) {
                throw new AssertionError("broken invariant");
            }
        });
        assertThat(ran).containsExactly("a", "b");
        assertThat(failed(response)).containsExactly(event.records().get(1).kinesis().sequenceNumber());
    }

    @Test
    void theDeadlineRunsOnTheContextsFakeClock() {
        KinesisEvent event = KinesisEvents.of("a", "b", "c");
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofMillis(2000));
        List<String> ran = new ArrayList<>();
        BatchResponse response = StreamBatchProcessor.builder().safetyMargin(Duration.ofSeconds(1)).build()
                .processKinesis(event, context, (r, c) -> {
                    ran.add(r.kinesis().dataAsString());
                    context.advance(Duration.ofMillis(700));
                });
        assertThat(ran).containsExactly("a", "b");
        assertThat(failed(response)).containsExactly(event.records().get(2).kinesis().sequenceNumber());
    }
}

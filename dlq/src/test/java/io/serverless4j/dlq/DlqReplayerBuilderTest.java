/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builder validation; the client is real but never called. */
class DlqReplayerBuilderTest {

    private static final SqsClient SQS = SqsClient.builder().region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build();

    @AfterAll
    static void close() {
        SQS.close();
    }

    @Test
    void settersRefuseBadValuesAtOnce() {
        DlqReplayer.Builder builder = DlqReplayer.builder();
        assertThatThrownBy(() -> builder.sqsClient(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.dlqUrl(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.workers(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.workers(65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxMessagesPerSecond(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxMessagesPerSecond(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxMessages(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.visibilityTimeout(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> builder.visibilityTimeout(Duration.ofHours(13)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.receiveWaitTime(Duration.ofSeconds(21)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.timeLimit(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxReplayCount(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.retryPolicy(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.maxBatchBytes(2_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.sampleSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildRefusesIncompleteOrContradictorySettings() {
        assertThatThrownBy(() -> DlqReplayer.builder().dlqUrl("q").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sqsClient");
        assertThatThrownBy(() -> DlqReplayer.builder().sqsClient(SQS).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dlqUrl");
        assertThatThrownBy(() -> DlqReplayer.builder().sqsClient(SQS).dlqUrl("q").targetQueueUrl("q").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("would loop");
        assertThatThrownBy(() -> DlqReplayer.builder().sqsClient(SQS).dlqUrl("q").dryRun(true)
                .archive(Path.of("a.jsonl")).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dry run");
    }

    @Test
    void aBuiltReplayerDoesNotChangeWhenItsBuilderDoes() {
        DlqReplayer.Builder builder = DlqReplayer.builder().sqsClient(SQS).dlqUrl("dlq");
        DlqReplayer replayer = builder.build();
        builder.dryRun(true).targetQueueUrl("other");

        assertThat(replayer.toString()).isEqualTo("DlqReplayer[dlq -> (redrive source)]");
        assertThat(replayer.toBuilder().dryRun(true).build().toString()).endsWith(", dry run]");
        assertThat(replayer.toString()).doesNotContain("dry run");
    }
}

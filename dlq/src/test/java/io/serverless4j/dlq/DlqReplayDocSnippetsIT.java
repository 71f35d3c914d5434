/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.testing.LocalAws;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The code shown in docs/dlq-replay.md and retry/README.md, compiled and run here so the docs cannot drift.
 * Between the {@code // snippet:} markers is what the docs show.
 */
@ExtendWith(LocalAws.class)
class DlqReplayDocSnippetsIT {

    @Test
    void librarySnippet(SqsClient sqs) {
        Queues.Pair queues = Queues.pair(sqs, "orders");
        Queues.sendBodies(sqs, queues.dlqUrl(), List.of("{\"type\":\"OrderPlaced\",\"id\":1}",
                "{\"type\":\"OrderCancelled\",\"id\":2}"));
        String dlqUrl = queues.dlqUrl();

        // snippet: library
        DlqReplayer replayer = DlqReplayer.builder()
                .sqsClient(sqs)                                   // your client, your HTTP client
                .dlqUrl(dlqUrl)                                   // target: the queue whose redrive policy names it
                .filter(DlqFilters.jsonPointerEquals("/type", "OrderPlaced"))
                .transform(m -> m.withBody(m.body().replace("\"id\":", "\"orderId\":")))
                .maxMessagesPerSecond(200)
                .timeLimit(Duration.ofMinutes(10))
                .build();                                         // immutable: keep it in a static final field

        DlqReplayReport report = replayer.replay();
        if (!report.allSucceeded()) {
            report.failed().forEach(f -> System.err.println(f.messageId() + ": " + f.reason()));
            report.keptOverReplayLimit().forEach(k -> System.err.println(k.messageId() + ": " + k.reason()));
        }
        System.out.printf("moved %d, skipped %d, %.0f msgs/s%n", report.moved(), report.skippedByFilter(),
                report.messagesPerSecond());
        // end snippet

        assertThat(report.moved()).isEqualTo(1);
        assertThat(report.skippedByFilter()).isEqualTo(1);
        assertThat(Queues.drain(sqs, queues.sourceUrl())).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("{\"type\":\"OrderPlaced\",\"orderId\":1}"));
    }

    @Test
    void dryRunSnippet(SqsClient sqs) {
        Queues.Pair queues = Queues.pair(sqs, "orders");
        Queues.sendBodies(sqs, queues.dlqUrl(), List.of("{\"type\":\"OrderPlaced\"}"));
        DlqReplayer replayer = DlqReplayer.builder().sqsClient(sqs).dlqUrl(queues.dlqUrl()).build();

        // snippet: dry-run
        DlqReplayReport preview = replayer.toBuilder().dryRun(true).sampleSize(5).build().replay();
        preview.samples().forEach(m -> System.out.println(m.messageId() + " " + m.body()));
        // end snippet

        assertThat(preview.moved()).isEqualTo(1);
        assertThat(Queues.counts(sqs, queues.dlqUrl())).containsExactly(1, 0);
    }
}

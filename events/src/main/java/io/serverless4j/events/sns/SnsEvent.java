/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.sns;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;
import java.util.List;

/**
 * SNS notifications delivered to a Lambda function subscribed to a topic (one record per invocation in practice).
 *
 * <p>Immutable and thread-safe.
 *
 * @param records the notifications; never null (JSON {@code Records})
 */
public record SnsEvent(@JsonProperty("Records") List<Record> records) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if a record is null
     */
    public SnsEvent {
        records = Checks.list(records, "Records");
    }

    /**
     * One record of an SNS event: the subscription metadata and the notification itself.
     *
     * <p>Immutable and thread-safe.
     *
     * @param eventVersion the event version, {@code 1.0} (JSON {@code EventVersion})
     * @param eventSubscriptionArn the subscription ARN (JSON {@code EventSubscriptionArn})
     * @param eventSource always {@code aws:sns} (JSON {@code EventSource})
     * @param sns the notification; required (JSON {@code Sns})
     */
    public record Record(
            @JsonProperty("EventVersion") String eventVersion,
            @JsonProperty("EventSubscriptionArn") String eventSubscriptionArn,
            @JsonProperty("EventSource") String eventSource,
            @JsonProperty("Sns") SnsNotification sns) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code sns} is null
         */
        public Record {
            Checks.required(sns, "Sns");
        }
    }
}

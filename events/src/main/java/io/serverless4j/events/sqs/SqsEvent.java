/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.sqs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;
import java.util.List;

/**
 * A batch of SQS messages delivered to a Lambda function by an SQS event source mapping.
 *
 * <p>Immutable and thread-safe. Parse it with {@code Events.parse(json, SqsEvent.class)}.
 *
 * @param records the messages, in the order Lambda delivered them; never null, empty when absent
 *     (JSON {@code Records})
 */
public record SqsEvent(@JsonProperty("Records") List<SqsMessage> records) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if a record is null
     */
    public SqsEvent {
        records = Checks.list(records, "Records");
    }
}

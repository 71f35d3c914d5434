/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import io.serverless4j.events.sqs.SqsEvent;

/**
 * A Lambda handler base for SQS event source mappings that report partial batch failures: implement
 * {@code handle(SqsEvent, Context)} and return {@link BatchResponse#failed} with the ids of the messages to retry.
 *
 * <p>Same threading as {@link EventHandler}.
 */
public abstract class SqsHandler extends EventHandler<SqsEvent, BatchResponse> {

    /** Creates a handler that parses its input as an {@link SqsEvent}. */
    protected SqsHandler() {
        super(SqsEvent.class);
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.messaging;

/**
 * Thrown by {@link EventBridgePublisher#publish} before any call when an entry cannot fit in a PutEvents request:
 * EventBridge limits an entry (as it computes the size) to less than 256 KB. Store large payloads in S3 and send a
 * reference instead.
 */
public final class EventBridgeEntryTooLargeException extends MessagingException {

    private static final long serialVersionUID = 1L;

    EventBridgeEntryTooLargeException(String message) {
        super(message);
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Amazon EventBridge events: the generic {@link io.serverless4j.events.eventbridge.EventBridgeEvent} with a typed
 * {@code detail}, and the {@link io.serverless4j.events.eventbridge.ScheduledEvent} of a schedule rule.
 */
package io.serverless4j.events.eventbridge;

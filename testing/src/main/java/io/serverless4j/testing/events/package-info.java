/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Builders of realistic, typed Lambda events for tests, e.g. {@code SqsEvents.of("body1", "body2")},
 * {@code S3Events.objectCreated("bucket", "photos/cat.jpg")} or
 * {@code ApiGatewayEvents.httpApi("POST", "/orders").jsonBody(order).build()}. Every event they return has the
 * shape AWS sends, so it survives {@code Events.write} and {@code Events.parse} unchanged.
 */
package io.serverless4j.testing.events;

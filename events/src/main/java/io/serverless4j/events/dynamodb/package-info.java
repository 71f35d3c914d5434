/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * DynamoDB Streams events ({@link io.serverless4j.events.dynamodb.DynamoDbStreamEvent}) with a small own
 * {@link io.serverless4j.events.dynamodb.AttributeValue}; {@link io.serverless4j.events.dynamodb.DynamoDbImages}
 * converts images to AWS SDK v2 attribute values when the SDK is on the classpath.
 */
package io.serverless4j.events.dynamodb;

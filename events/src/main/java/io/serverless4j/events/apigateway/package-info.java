/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * API Gateway proxy integrations: HTTP API (payload 2.0, also Lambda function URLs) with
 * {@link io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent} and
 * {@link io.serverless4j.events.apigateway.ApiGatewayV2HttpResponse}; REST API (payload 1.0) with
 * {@link io.serverless4j.events.apigateway.ApiGatewayV1ProxyEvent} and
 * {@link io.serverless4j.events.apigateway.ApiGatewayV1ProxyResponse}; CORS with
 * {@link io.serverless4j.events.apigateway.CorsPolicy}.
 */
package io.serverless4j.events.apigateway;

/**
 * The /v1 JSON API over Helidon SE (virtual threads, one per request). Handlers only translate:
 * parse strictly, call {@link dev.nudge.serve.NudgeService}, write JSON. Every expected failure is
 * an {@code application/problem+json} answer naming the field; anything else is a 500 with a
 * generic body (the details go to the log, never to the client).
 */
package dev.nudge.serve.http;

/**
 * The HTTP routing server behind {@code finerouter serve} (cli module, Javalin 6 on Jetty 11): {@link
 * dev.finerouter.cli.serve.RoutingServer} answers {@code POST /v1/route}, the OpenAI-compatible {@code POST
 * /v1/chat/completions} (forwarded upstream by {@link dev.finerouter.cli.serve.UpstreamProxy}, configured by {@link
 * dev.finerouter.cli.serve.UpstreamConfig}), {@code GET /v1/models}, {@code /health}, {@code /metrics} ({@link
 * dev.finerouter.cli.serve.ServerMetrics}), {@code POST /admin/reload} and its OpenAPI description ({@link
 * dev.finerouter.cli.serve.OpenApiSpec}, {@code openapi.json} beside it); {@link dev.finerouter.cli.serve.ServerConfig}
 * holds its settings. The routing itself is the engine's {@code service.RouterService}; the decision log is the
 * engine's {@code decisionlog}. A face: it imports the engine, and only {@code cli} and {@code cli.bench} import it.
 * See docs/http-api.md and docs/decisions/0008-bundle-and-server.md.
 */
package dev.finerouter.cli.serve;

package avs.execution.submit;

import tools.jackson.databind.JsonNode;

/** The node accepted a sendTask call: the request id and its (opaque) result. */
public record Acknowledgement(long requestId, JsonNode result) {}

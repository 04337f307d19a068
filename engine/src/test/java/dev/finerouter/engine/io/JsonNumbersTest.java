package dev.finerouter.engine.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonNumbersTest {
    @Test
    void finiteValuesAreNumbersAndTheRestNull() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        JsonNumbers.put(node, "a", 0.25);
        JsonNumbers.put(node, "b", -3);
        JsonNumbers.put(node, "nan", Double.NaN);
        JsonNumbers.put(node, "up", Double.POSITIVE_INFINITY);
        JsonNumbers.put(node, "down", Double.NEGATIVE_INFINITY);
        assertEquals("{\"a\":0.25,\"b\":-3.0,\"nan\":null,\"up\":null,\"down\":null}", mapper.writeValueAsString(node));
    }
}

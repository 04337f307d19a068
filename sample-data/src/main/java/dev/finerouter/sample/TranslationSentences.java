package dev.finerouter.sample;

import java.util.List;
import java.util.Map;

/**
 * English source sentences shared by the translation sub-tasks (only the target language differs): an optional
 * opener, a clause and an optional closer.
 */
final class TranslationSentences {
    static final Map<String, List<String>> SLOTS = Map.of(
            "opener", TaskCatalog.words("|Yesterday, |As you know, |Honestly, |I think |Unfortunately, |By the way, |In my opinion, "),
            "clause", List.of(
                    "the museum is closed on Mondays, but the garden stays open until six.",
                    "could you tell me where the nearest pharmacy is?",
                    "we missed the last train, so we took a taxi back to the hotel.",
                    "please send me the signed contract by Friday.",
                    "my grandmother grows tomatoes and basil on her balcony.",
                    "the meeting has been moved to the third floor conference room.",
                    "it rained all weekend, and the concert was cancelled.",
                    "I would like a table for four near the window, please.",
                    "the new library has more than a million books.",
                    "he forgot his umbrella at the office again.",
                    "our flight was delayed by two hours because of fog.",
                    "the children built a snowman in the park this morning."),
            "closer", TaskCatalog.words("| Thank you.| See you soon.| Let me know.| That is all for now.| Best regards."));

    private TranslationSentences() {
    }
}

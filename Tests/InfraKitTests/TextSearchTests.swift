import Foundation
import Testing
@testable import InfraRules

/// The rules' text helpers: searches answer as Foundation and the standard library do, ASCII or
/// not, and messages joined in one allocation read as the interpolation reads.
@Suite("Text search and message text")
struct TextSearchTests {
    @Test func joinedMessagesReadAsInterpolation() {
        let long = String(repeating: "db-primary-", count: 12)
        #expect(MessageText.joined("host '", "h1", "' does not rotate its logs") == "host 'h1' does not rotate its logs")
        #expect(MessageText.joined("", "", "") == "")
        #expect(MessageText.joined("ab", "", "c") == "abc")
        // Several bytes a character, and a result long enough to need storage of its own.
        #expect(MessageText.joined("service 'café-☕︎' on '", long, "'") == "service 'café-☕︎' on '\(long)'")
        #expect(MessageText.joined("é", "\u{301}").utf8.elementsEqual("é\u{301}".utf8))
    }

    @Test func textSearchAnswersAsFoundation() {
        let texts = ["runs everything", "deploys releases", "", "Service", "e\u{301}verything", "café app", "process", "pro"]
        let words = ["everything", "service", "app", "", "proc", "é", "e", "process"]
        for text in texts {
            for word in words { #expect(TextSearch.contains(text, word) == text.contains(word), "\(text) / \(word)") }
        }
    }

    @Test func lowercasedSearchAnswersAsLowercasingFirst() {
        let texts = ["Runs EVERYTHING", "deploys releases", "", "SERVICE account", "É\u{301}VERYTHING", "Café APP", "PROCESS",
                     "İstanbul daemon", "ﬁle Service", "pro", "Everything\u{301}"]
        let words = ["everything", "service", "app", "", "proc", "é", "e", "process", "Service", "daemon", "i̇"]
        for text in texts {
            for word in words {
                #expect(TextSearch.lowercasedContains(text, word) == text.lowercased().contains(word), "\(text) / \(word)")
            }
        }
    }

    /// monitor-threshold-mismatch compares a metric with service names without lowercased copies:
    /// the same answers as lowercasing both, ASCII or not, capitals on either side.
    @Test func caseInsensitiveSearchAnswersAsLowercasingBoth() {
        let texts = ["Worker_Count", "api-PROCS", "", "queue.Instances", "É\u{301}TL workers", "Café-API procs", "İstanbul-Svc",
                     "ﬁle-svc count", "pro", "x"]
        let words = ["worker", "API", "", "Procs", "queue", "é", "E", "café-api", "İSTANBUL", "i̇stanbul", "FILE", "svc", "pro", "xx"]
        for text in texts {
            for word in words {
                #expect(TextSearch.caseInsensitiveContains(text, word) == TextSearch.contains(text.lowercased(), word.lowercased()),
                        "\(text) / \(word)")
                if !word.isEmpty && word.lowercased().utf8.allSatisfy({ $0 < 0x80 }) && text.utf8.allSatisfy({ $0 < 0x80 }) {
                    #expect(TextSearch.caseInsensitiveContains(text, word) == text.lowercased().contains(word.lowercased()),
                            "\(text) / \(word)")
                }
            }
        }
        #expect(TextSearch.caseInsensitiveContains("API-Workers", "api-w"))
        #expect(!TextSearch.caseInsensitiveContains("API-Workers", "api-x"))
    }
}

/* Read a question and its answer options aloud with the browser's own speech
   synthesis (window.speechSynthesis): no third party, nothing leaves the phone.
   Buttons come from templates/includes/read_aloud.html and stay hidden when the
   browser cannot speak, so the page works the same without this script. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var language = document.documentElement.lang || "nl";
  var PAUSED = "label, legend, p, li, dt, dd, h1, h2, h3, h4, th, .form-text, .invalid-feedback";

  function textOf(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".read-aloud, .hp-field, script, [hidden], [aria-hidden=true]").forEach(function (node) {
      node.remove();
    });
    copy.querySelectorAll("select").forEach(function (select) {
      var options = Array.prototype.map.call(select.options, function (option) { return option.text; });
      select.replaceWith(document.createTextNode(" " + options.join(". ") + ". "));
    });
    copy.querySelectorAll(PAUSED).forEach(function (node) {
      node.append(". ");
    });
    return copy.textContent.replace(/\s+/g, " ").replace(/(\.\s*)+\./g, ".").trim();
  }

  function voiceFor(lang) {
    var wanted = lang.toLowerCase();
    return synth.getVoices().find(function (voice) {
      return (voice.lang || "").toLowerCase().replace("_", "-").split("-")[0] === wanted;
    });
  }

  function speak(button) {
    var target = document.getElementById(button.getAttribute("data-read-aloud"));
    if (!target) {
      return;
    }
    var speaking = button.getAttribute("aria-pressed") === "true";
    synth.cancel();
    document.querySelectorAll("[data-read-aloud][aria-pressed=true]").forEach(function (other) {
      other.setAttribute("aria-pressed", "false");
    });
    if (speaking) {
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(textOf(target));
    utterance.lang = language;
    var voice = voiceFor(language);
    if (voice) {
      utterance.voice = voice;
    }
    utterance.onend = utterance.onerror = function () {
      button.setAttribute("aria-pressed", "false");
    };
    button.setAttribute("aria-pressed", "true");
    synth.speak(utterance);
  }

  document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      speak(button);
    });
  });
})();

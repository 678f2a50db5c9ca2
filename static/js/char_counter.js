/* A counter under each free-text box with a length limit: the parent sees how much
   room is left instead of the box silently stopping. The text comes from the page
   (data-counter on the textarea, in the page's language); without this script the
   field's help text states the limit. */
(function () {
  "use strict";
  document.querySelectorAll("textarea[maxlength][data-counter]").forEach(function (box, index) {
    var max = parseInt(box.getAttribute("maxlength"), 10);
    var counter = document.createElement("p");
    counter.className = "form-text char-counter";
    counter.id = box.id ? box.id + "-counter" : "char-counter-" + index;
    counter.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", counter);
    var described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    function update() {
      var left = max - box.value.length;
      counter.textContent = box.getAttribute("data-counter")
        .replace("%(left)s", String(left))
        .replace("%(max)s", String(max));
      counter.classList.toggle("text-danger", left < max / 20);
    }
    box.addEventListener("input", update);
    update();
  });
})();

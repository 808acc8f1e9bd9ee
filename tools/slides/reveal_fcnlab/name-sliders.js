/* The widget renderer draws a slider's handle (role="slider") apart from its label (the widget's
   description): a screen reader would announce a nameless slider. Each handle gets its widget's label. */
(function () {
    function nameSliders() {
        document.querySelectorAll('[role="slider"]:not([aria-label]):not([aria-labelledby])').forEach(
            function (handle) {
                var widget = handle.closest(".widget-slider, .jupyter-widgets");
                var label = widget && widget.querySelector(".widget-label");
                if (label && label.textContent.trim()) {
                    handle.setAttribute("aria-label", label.textContent.trim());
                }
            });
    }
    new MutationObserver(nameSliders).observe(document.body, {childList: true, subtree: true});
    nameSliders();
})();

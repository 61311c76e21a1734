// Behaviour without inline scripts, so a strict Content-Security-Policy can forbid them.
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});

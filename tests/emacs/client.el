;;; client.el --- drive automations-lint's server from a real Emacs, in batch mode -*- lexical-binding: t -*-
;; Loaded after the setup from docs/editors.md: visit the file named on the command line, let eglot connect as
;; the command loop would after the command that visited it, wait for flymake's diagnostics, and write them (and
;; eglot's completion at $AL_LINE/$AL_CHARACTER) to the file named by $AL_OUT.
(require 'cl-lib)
(find-file (pop command-line-args-left))
(run-hooks 'post-command-hook)  ; eglot-ensure connects from here, after the command that opened the file
(let ((deadline (+ (float-time) 60)))
  (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
    (accept-process-output nil 0.1)))
(let ((out (list (format "mode %s eglot %s" major-mode (if (bound-and-true-p eglot--managed-mode) "on" "off")))))
  (dolist (d (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
    (push (format "%d %s" (line-number-at-pos (flymake-diagnostic-beg d))
                  (car (split-string (flymake-diagnostic-text d) "\n")))
          out))
  (goto-char (point-min))
  (forward-line (string-to-number (getenv "AL_LINE")))
  (forward-char (string-to-number (getenv "AL_CHARACTER")))
  (let* ((capf (run-hook-wrapped 'completion-at-point-functions
                                 (lambda (f) (and (functionp f) (funcall f)))))
         (labels (and capf (all-completions "" (nth 2 capf)))))
    (push (concat "completion " (mapconcat #'identity (sort (copy-sequence labels) #'string<) " ")) out))
  (with-temp-file (getenv "AL_OUT")
    (insert (mapconcat #'identity (nreverse out) "\n") "\n")))
(kill-emacs 0)

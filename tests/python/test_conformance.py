"""The Jupyter conformance suite (jupyter_kernel_test) run against cloudlab.

Every attribute below switches on one of KernelTests' checks; the ones left
unset are features cloudlab does not have (it answers with display_data, never
execute_result; it has no pager payloads and no clear_output).
"""

from __future__ import annotations

import unittest

import jupyter_kernel_test


class CloudlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "cloudlab"

    # kernel_info_reply.language_info
    language_name = "cloudlab"
    file_extension = ".cloudlab"

    # `stream` on stdout containing "hello, world"
    code_hello_world = "echo hello, world"

    # complete_reply.matches must equal this set exactly
    completion_samples = [
        {"text": "ech", "matches": {"echo"}},
        {"text": "regio", "matches": {"region", "regions"}},
    ]

    # is_complete_reply: `\` at the end or an open quote means "wait for more"
    complete_code_samples = ["echo hi", "regions", "echo 'closed quote'", "echo a \\\necho b"]
    incomplete_code_samples = ["echo 'open", "echo a \\", 'echo "open']
    invalid_code_samples: list[str] = []

    # inspect_reply found=True with at least one MIME type
    code_inspect_sample = "help"

    # execute_reply status=error and exactly one `error` message on iopub
    code_generate_error = "nosuchcommand"

    # display_data carrying these MIME types
    code_display_data = [
        {"code": "regions", "mime": "text/html"},
        {"code": "regions", "mime": "text/plain"},
        {"code": "regions", "mime": "text/markdown"},
        {"code": "regions --output json", "mime": "application/json"},
    ]


if __name__ == "__main__":
    unittest.main()

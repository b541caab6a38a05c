"""The subprocess code judge of inspect_eval_uv.py: model-written code runs contained.

What a user relies on: a correct solution passes, a wrong one fails, a hang is cut off,
and the code cannot reach the network or write outside its temporary folder (nor leave
anything behind), while the harness stays inside one subprocess per sample.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import pickle
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "inspect_eval_uv", ROOT / "scripts" / "inspect_eval_uv.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("inspect_eval_uv", module)
    spec.loader.exec_module(module)
    return module


ev = _load_script()
FAST = ev.JudgeLimits(per_test_timeout=1.0, total_timeout=5.0, memory_mb=512)

HUMANEVAL_PROMPT = 'def add(a, b):\n    """Return a + b."""\n'
HUMANEVAL_TEST = (
    "def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 1) == 0\n"
)


def humaneval_program(body: str) -> str:
    return HUMANEVAL_PROMPT + body + "\n" + HUMANEVAL_TEST + "\ncheck(add)"


def test_correct_solution_passes():
    result = ev.judge_program(humaneval_program("    return a + b\n"), mode="script", limits=FAST)
    assert result.passed and result.status == "passed"


def test_wrong_solution_fails_with_the_assertion():
    result = ev.judge_program(humaneval_program("    return a - b\n"), mode="script", limits=FAST)
    assert not result.passed
    assert result.status == "failed"
    assert "AssertionError" in result.detail


def test_infinite_loop_times_out():
    result = ev.judge_program(
        humaneval_program("    while True:\n        pass\n"), mode="script", limits=FAST
    )
    assert not result.passed
    assert result.status == "timeout"


def test_busy_loop_that_ignores_signals_is_killed_by_the_wall_clock():
    code = "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass\n"
    limits = ev.JudgeLimits(per_test_timeout=0.5, total_timeout=2.0, memory_mb=512)
    result = ev.judge_program(code, mode="script", limits=limits)
    assert result.status == "timeout"


@pytest.mark.parametrize(
    "code",
    [
        "import socket\nsocket.socket(socket.AF_INET, socket.SOCK_STREAM)\n",
        "import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n",
        "import urllib.request\nurllib.request.urlopen('http://127.0.0.1:9/', timeout=1)\n",
    ],
)
def test_opening_a_network_socket_fails(code):
    result = ev.judge_program(code, mode="script", limits=FAST)
    assert not result.passed
    assert "judge" in result.detail or "Permission" in result.detail or "URLError" in result.detail


def test_writing_outside_its_folder_fails_and_leaves_nothing(tmp_path):
    target = tmp_path / "escaped.txt"
    code = f"open({str(target)!r}, 'w').write('x')\n"
    result = ev.judge_program(code, mode="script", limits=FAST)
    assert not result.passed
    assert "outside the working folder" in result.detail
    assert not target.exists()


def test_renaming_or_deleting_outside_its_folder_fails(tmp_path):
    victim = tmp_path / "keep.txt"
    victim.write_text("data")
    for code in (
        f"import os\nos.remove({str(victim)!r})\n",
        f"import os\nos.rename({str(victim)!r}, 'x')\n",
    ):
        result = ev.judge_program(code, mode="script", limits=FAST)
        assert not result.passed
    assert victim.read_text() == "data"


def test_writing_inside_its_folder_is_allowed():
    code = "open('scratch.txt', 'w').write('ok')\nassert open('scratch.txt').read() == 'ok'\n"
    assert ev.judge_program(code, mode="script", limits=FAST).passed


def test_spawning_processes_fails():
    code = "import subprocess\nsubprocess.run(['true'])\n"
    result = ev.judge_program(code, mode="script", limits=FAST)
    assert not result.passed
    assert "subprocess" in result.detail


def test_memory_limit_stops_a_runaway_allocation():
    code = "x = bytearray(4 * 1024 * 1024 * 1024)\n"
    result = ev.judge_program(code, mode="script", limits=FAST)
    assert not result.passed


def test_the_judge_does_not_see_the_parents_secrets(monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_parentsecretvalue123")
    code = "import os\nassert 'HF_TOKEN' not in os.environ\n"
    assert ev.judge_program(code, mode="script", limits=FAST).passed


STDIN_TESTS = [
    {"input": "1 2\n", "output": "3\n", "testtype": "stdin"},
    {"input": "10 -4\n", "output": "6\n", "testtype": "stdin"},
]


def test_stdin_mode_compares_each_tests_output():
    good = "a, b = map(int, input().split())\nprint(a + b)\n"
    bad = "a, b = map(int, input().split())\nprint(a * b)\n"
    assert ev.judge_program(good, mode="stdin", tests=STDIN_TESTS, limits=FAST).passed
    result = ev.judge_program(bad, mode="stdin", tests=STDIN_TESTS, limits=FAST)
    assert not result.passed and result.detail == "wrong answer on test 1"


def test_stdin_mode_accepts_the_binary_stdin_idiom_and_equal_numbers():
    code = "import sys\na, b = map(int, sys.stdin.buffer.read().split())\nprint(f'{a + b}.0')\n"
    assert ev.judge_program(code, mode="stdin", tests=STDIN_TESTS, limits=FAST).passed


def test_functional_mode_calls_the_solution_method():
    tests = [
        {"input": "[1, 2, 4]", "output": "2", "testtype": "functional"},
        {"input": "[]", "output": "0", "testtype": "functional"},
    ]
    good = "class Solution:\n    def countEven(self, nums: List[int]) -> int:\n        return sum(x % 2 == 0 for x in nums)\n"
    bad = "class Solution:\n    def countEven(self, nums):\n        return len(nums)\n"
    assert ev.judge_program(
        good, mode="functional", tests=tests, func_name="countEven", limits=FAST
    ).passed
    result = ev.judge_program(
        bad, mode="functional", tests=tests, func_name="countEven", limits=FAST
    )
    assert not result.passed and result.tests_run == 1


def test_extract_code_takes_the_last_python_block():
    text = "Plan:\n```python\nprint(1)\n```\nFinal:\n```python\nprint(2)\n```\n"
    assert ev.extract_code(text).strip() == "print(2)"
    assert ev.extract_code("no code here") is None


def test_lcb_private_tests_decode_and_refuse_pickled_code():
    tests = [{"input": "1\n", "output": "1\n", "testtype": "stdin"}]
    encoded = base64.b64encode(zlib.compress(pickle.dumps(json.dumps(tests)))).decode()
    assert ev.decode_lcb_tests(encoded) == tests

    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    evil = base64.b64encode(zlib.compress(pickle.dumps(Evil()))).decode()
    with pytest.raises(pickle.UnpicklingError):
        ev.decode_lcb_tests(evil)


def test_code_execution_is_allowed_by_default_only_inside_an_hf_job():
    assert ev.code_execution_allowed(True, environ={}, in_container=False)
    assert not ev.code_execution_allowed(False, environ={}, in_container=True)
    assert ev.code_execution_allowed(False, environ={"JOB_ID": "687fb701"}, in_container=True)
    # a stray JOB_ID outside a container is not an HF Job
    assert not ev.code_execution_allowed(False, environ={"JOB_ID": "687fb701"}, in_container=False)
    assert ev.running_in_container({"KUBERNETES_SERVICE_HOST": "10.0.0.1"})


# --------------------------------------------------------------------------- forged verdicts
# The verdict must come from the judge, not from the code it judges: these solutions
# are wrong and each tries to make the judge report a pass anyway.

FAKE_PASS = '{"status": "passed", "detail": "", "tests_run": 1, "tests_total": 1}'
FORGERIES = {
    # the old result descriptor was named in argv and writable from the solution
    "write to every descriptor": (
        "import os\n"
        f"for fd in range(1, 64):\n"
        f"    try:\n        os.write(fd, b'{FAKE_PASS}\\n')\n    except OSError:\n        pass\n"
        "os._exit(0)\n"
    ),
    "descriptor from argv": (
        f"import os, sys\nos.write(int(sys.argv[-1]), b'{FAKE_PASS}')\nos._exit(0)\n"
    ),
    "print a fake verdict": f"import sys\nsys.__stdout__.write({FAKE_PASS!r} + '\\n')\nsys.__stdout__.flush()\nos._exit(0)\n",
    # stop before check(add) runs
    "sys.exit(0) before the checks": "import sys\nsys.exit(0)\n",
    "raise SystemExit before the checks": "raise SystemExit\n",
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_wrong_code_cannot_forge_a_pass_in_script_mode(forgery):
    body = "    return a - b\n\nimport os\n" + FORGERIES[forgery]
    result = ev.judge_program(humaneval_program(body), mode="script", limits=FAST)
    assert not result.passed, result
    assert result.status != "passed"


def test_wrong_code_cannot_patch_the_output_comparison():
    # stdin mode: replace the judge's comparison (in the harness module) with "always equal"
    code = (
        "import sys\n"
        "harness = sys.modules['__main__']\n"
        "for name in dir(harness):\n"
        "    if 'same' in name or 'equal' in name:\n"
        "        setattr(harness, name, lambda *a, **k: True)\n"
        "print(0)\n"
    )
    result = ev.judge_program(code, mode="stdin", tests=STDIN_TESTS, limits=FAST)
    assert not result.passed and result.detail == "wrong answer on test 1"


def test_wrong_code_cannot_patch_json_to_match_any_expected_value():
    tests = [{"input": "[1, 2, 4]", "output": "2", "testtype": "functional"}]
    code = (
        "import json\n"
        "class Anything:\n"
        "    def __eq__(self, other): return True\n"
        "    def __ne__(self, other): return False\n"
        "json.loads = lambda *a, **k: Anything()\n"
        "class Solution:\n"
        "    def countEven(self, nums):\n"
        "        return 0\n"
    )
    result = ev.judge_program(
        code, mode="functional", tests=tests, func_name="countEven", limits=FAST
    )
    assert not result.passed


def test_the_expected_outputs_never_reach_the_judged_code():
    # a solution that prints the expected answer if it can find it anywhere in its folder
    code = (
        "import os, json\n"
        "seen = ''\n"
        "for name in os.listdir('.'):\n"
        "    try:\n        seen += open(name).read()\n    except Exception:\n        pass\n"
        "a, b = map(int, input().split())\n"
        "print(a + b if '\"output\"' in seen else -1)\n"
    )
    result = ev.judge_program(code, mode="stdin", tests=STDIN_TESTS, limits=FAST)
    assert not result.passed


def test_flooding_stdout_is_cut_off_not_buffered():
    code = "import os\nwhile True:\n    os.write(1, b'x' * (1 << 20))\n"
    result = ev.judge_program(code, mode="script", limits=FAST)
    assert not result.passed
    assert result.status in ("failed", "timeout")

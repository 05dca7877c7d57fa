// SPDX-License-Identifier: MIT
// A contract for the chain-trigger tests on anvil: it emits TaskRequested(uint256 indexed id, bytes input) on request,
// and serves getActiveOperatorsDetails() as Othentic's AttestationCenter does, from a list the test sets.
// Compiled once by compile.cjs (npm solc); TriggerFixture.bin is its creation bytecode.
pragma solidity ^0.8.20;

contract TriggerFixture {
    struct OperatorDetails {
        address operator;
        uint256 operatorId;
        uint256 votingPower;
    }

    event TaskRequested(uint256 indexed id, bytes input);

    OperatorDetails[] private operators;

    function request(uint256 id, bytes calldata input) external {
        emit TaskRequested(id, input);
    }

    function setOperators(address[] calldata addresses) external {
        delete operators;
        for (uint256 i = 0; i < addresses.length; i++) {
            operators.push(OperatorDetails(addresses[i], i + 1, 100));
        }
    }

    function getActiveOperatorsDetails() external view returns (OperatorDetails[] memory) {
        return operators;
    }
}

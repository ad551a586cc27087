from enum import StrEnum


class SimpleDeploymentBlockType(StrEnum):
    SIMPLE_DEPLOYMENT = "simple_deployment"

    def __str__(self) -> str:
        return str(self.value)

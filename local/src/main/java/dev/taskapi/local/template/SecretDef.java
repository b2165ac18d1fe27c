package dev.taskapi.local.template;

import java.util.Optional;

/**
 * An AWS::SecretsManager::Secret.
 *
 * @param secretId the local secret id: Name when the template sets it, else the logical id
 * @param secretString the literal SecretString, when the template gives one instead of GenerateSecretString
 * @param excludeCharacters characters GenerateSecretString must not use
 */
public record SecretDef(
    String logicalId,
    String secretId,
    Optional<String> secretString,
    int passwordLength,
    boolean excludePunctuation,
    String excludeCharacters) {}
